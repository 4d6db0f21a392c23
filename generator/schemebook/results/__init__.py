"""From survey exports to an honest, private summary: reading, statistics, privacy."""
