"""What people type: normalised, cleaned of control characters, numbers parsed strictly."""
