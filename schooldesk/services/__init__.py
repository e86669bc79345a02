"""Use cases in the school's words; each public function is one transaction on a Database."""
