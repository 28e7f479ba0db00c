// The vocabularies that are nodes: fields of action and the links of the Bildungskette.
UNWIND $fields AS field
MERGE (f:FieldOfAction {key: field.key})
SET f.name = field.name_de, f.core = field.core = 'true'
WITH count(*) AS done
UNWIND $stages AS stage
MERGE (s:EducationStage {key: stage.key})
SET s.name = stage.name_de, s.position = toInteger(stage.position)
