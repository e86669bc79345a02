"""Pure values and rules of the school's world; imports nothing but the standard library."""
