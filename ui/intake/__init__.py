"""The intake desk: a household, its facts and questions, its rights and decisions."""
