"""What is recorded: the record kinds and vocabularies, writing them safely, their history."""
