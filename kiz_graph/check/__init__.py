"""The cooperation requirement: rule sets, the check of one centre or all, the statewide comparison."""
