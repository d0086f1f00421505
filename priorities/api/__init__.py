"""The REST API of crime priorities, general MASPs and CHSGs."""
