"""Reports built from the graph for people outside the app (evaluators, the granting authority)."""
