"""What the law says about itself: instruments, references, language packs, knowledge data."""
