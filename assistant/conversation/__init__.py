"""What a follow-up continues: the conversation context and the follow-up recogniser."""
