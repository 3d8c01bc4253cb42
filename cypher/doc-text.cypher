// A document's paragraphs in order: its canonical text, line by line.
MATCH (p:Passage {ns: $ns})
WHERE p.sentence = 0
RETURN p.text AS text
ORDER BY p.paragraph
