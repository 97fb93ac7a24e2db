"""Assessment: run an assessment, store it, explain its findings, verify and list stored runs."""
