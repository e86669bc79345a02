"""The Qt shell: shows and edits through services; never builds queries."""
