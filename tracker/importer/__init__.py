"""Bulk import: folders, web archives, JSON Lines and bags, read as a stream of articles, each read on
all cores and stored in a transaction of its own, so an interrupted import loses at most the articles
in flight and a rerun adds nothing twice (`tracker import`); and BagIt export (`tracker export`)."""
