"""`docbot eval`: question sets and dialogues graded on the answers' fields."""
