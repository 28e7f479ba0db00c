// Which of the values are ids, and of what: a reference may be an id or a name.
UNWIND $values AS value
WITH value WHERE EXISTS { (:Organisation {id: value}) } OR EXISTS { (:Centre {id: value}) }
              OR EXISTS { (:Person {id: value}) } OR EXISTS { (:Network {id: value}) }
RETURN value,
       [label IN ['Organisation', 'Centre', 'Person', 'Network']
        WHERE CASE label
          WHEN 'Organisation' THEN EXISTS { (:Organisation {id: value}) }
          WHEN 'Centre' THEN EXISTS { (:Centre {id: value}) }
          WHEN 'Person' THEN EXISTS { (:Person {id: value}) }
          ELSE EXISTS { (:Network {id: value}) } END] AS labels
