"""Where a score is made: subjects, features, algorithms, schema compatibility."""
