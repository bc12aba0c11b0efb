"""bibliometrix's views as pure functions (take data, return dicts): the thematic map
(:mod:`.thematic`), the three-field plot (:mod:`.threefield`) and author productivity with
Lotka's law (:mod:`.productivity`)."""
