"""Official list loaders: one module per format, each turning records into FtM entities."""
