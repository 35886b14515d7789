"""Screening: candidate index, features, versioned algorithms, explanations."""
