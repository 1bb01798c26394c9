"""Search over passages: jieba + character n-gram BM25, optional dense embeddings with FAISS, fusion."""
