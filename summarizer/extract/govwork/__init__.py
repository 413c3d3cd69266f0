"""Rules for the 政府工作报告 genre: its parts, targets and metadata (summarizer.genres)."""
