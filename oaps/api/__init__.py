"""The REST API of plans, actions, reports, results and assessments."""
