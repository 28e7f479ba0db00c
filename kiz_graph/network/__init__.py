"""A centre's cooperation network as a graph: reading it, analysing it, drawing it, exporting it."""
