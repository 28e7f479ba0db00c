// The directory finds organisations and persons by a language they speak without looking at
// all of them: a full-text index over the lists of language keys, each key one exact term.
CREATE FULLTEXT INDEX language_search IF NOT EXISTS
FOR (n:Organisation|Person) ON EACH [n.languages]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};
