UNWIND $ids AS pid
MATCH (p:Passage {id: pid})
OPTIONAL MATCH (para:Passage {id: p.paragraphId})
RETURN p {.id, .document, .paragraph, .sentence, .text, .start, .end, .paragraphId} AS passage,
       coalesce(para.text, p.text) AS paragraphText
