"""The council report in HTML, PDF and DOCX, its charts and its provenance file."""
