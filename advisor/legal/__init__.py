"""What the law says about itself: instruments, references, definitions, knowledge data."""
