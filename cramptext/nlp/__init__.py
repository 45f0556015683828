"""Language: choosing the English model, assembling the pipeline, and cramptext's
spaCy components (line breaks, concepts, negation and hedging context, claims)."""
