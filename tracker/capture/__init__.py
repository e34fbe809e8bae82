"""Capture: where snapshots come from. `sources.captures` reads files and folders, web archives (`warc`),
standard input and http(s) URLs (`web`) into Capture values, byte for byte; `sniff` tells HTML from text."""
