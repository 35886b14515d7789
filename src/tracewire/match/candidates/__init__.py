"""Where candidates come from: the index of listed names and a query's reach into it."""
