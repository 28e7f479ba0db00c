// What pages and checks look up besides keys.
CREATE INDEX organisation_type IF NOT EXISTS FOR (o:Organisation) ON (o.type);
CREATE INDEX region_district IF NOT EXISTS FOR (r:Region) ON (r.district);
CREATE INDEX organisation_school_number IF NOT EXISTS FOR (o:Organisation) ON (o.schulnummer);
CREATE INDEX organisation_name_key IF NOT EXISTS FOR (o:Organisation) ON (o.name_key);
