// Names of organisations and contact persons, searchable the German way: Lucene's German
// analyzer folds umlauts and ß (Müller ~ Mueller ~ Muller, Straße ~ Strasse) and stems.
CREATE FULLTEXT INDEX name_search IF NOT EXISTS
FOR (n:Organisation|Person|Centre) ON EACH [n.name]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'german'}};
