"""The REST API of cycles, milestones, threat assessments, documents and evaluations."""
