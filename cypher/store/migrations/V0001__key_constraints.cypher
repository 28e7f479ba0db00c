// Every key of the model is unique (model.md). Neo4j Community has no existence or
// type constraints: kiz_graph checks required fields and values before any write.
CREATE CONSTRAINT region_ags IF NOT EXISTS FOR (r:Region) REQUIRE r.ags IS UNIQUE;
CREATE CONSTRAINT municipality_ags IF NOT EXISTS FOR (m:Municipality) REQUIRE m.ags IS UNIQUE;
CREATE CONSTRAINT centre_id IF NOT EXISTS FOR (c:Centre) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT concept_id IF NOT EXISTS FOR (k:IntegrationConcept) REQUIRE k.id IS UNIQUE;
CREATE CONSTRAINT position_id IF NOT EXISTS FOR (p:Position) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (o:Organisation) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT network_id IF NOT EXISTS FOR (n:Network) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT offer_id IF NOT EXISTS FOR (o:Offer) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT field_key IF NOT EXISTS FOR (f:FieldOfAction) REQUIRE f.key IS UNIQUE;
CREATE CONSTRAINT stage_key IF NOT EXISTS FOR (s:EducationStage) REQUIRE s.key IS UNIQUE;
CREATE CONSTRAINT user_name IF NOT EXISTS FOR (u:User) REQUIRE u.username IS UNIQUE;
