"""Article checks (CT2xx–CT5xx): what an article claims, its consistency, completeness and readability."""
