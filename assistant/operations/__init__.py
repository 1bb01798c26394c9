"""Running the bot: access roles, the durable inbox and outbox, several workers, health, the data directory."""
