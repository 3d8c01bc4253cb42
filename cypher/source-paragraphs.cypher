// A document's paragraphs in order, for the source reader (GET /api/nodes/:id/text). Sentences are
// passages too (sentence > 0); their offsets place the quotes, and source-*-citations return them.
MATCH (p:Passage {document: $document})
WHERE p.sentence = 0
RETURN p {.id, .paragraph, .text} AS paragraph
ORDER BY p.paragraph
