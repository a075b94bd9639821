"""Question → provisions: follow-up resolution, signals and their fusion."""
