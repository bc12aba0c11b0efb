"""Bibliographic records cited by the synthetic sample papers.

The real works are classics of the state-rescaling, city-regionalism and
assemblage debates; their bibliographic facts (authors, year, title, venue,
volume, issue, pages, publisher) are given as published. DOIs are left out for
real works rather than risk a wrong one. The ``synthetic-*`` records describe
the invented papers of this corpus, so that synthetic papers can cite each
other; their DOIs use the DOI test prefix 10.5555 and are not registered.

Titles are stored in sentence case; the formatters derive other cases.
"""

from __future__ import annotations

from typing import Any

Ref = dict[str, Any]

#: Fictional journals of the synthetic papers: (name, place-holder publisher).
SYNTHETIC_JOURNALS = {
    "sgq": "Spatial Governance Quarterly",
    "rfr": "Regional Futures Review",
    "jrg": "Journal of Relational Geographies",
    "aurr": "Asian Urban and Regional Review",
    "tsp": "Territory, State and Planning",
}


def _a(*names: str) -> list[tuple[str, str]]:
    """Authors as (family, initials) from 'Family, I. I.' strings."""
    out = []
    for n in names:
        fam, _, giv = n.partition(", ")
        out.append((fam, giv))
    return out


REFS: dict[str, Ref] = {
    # --- (a) political economy of state rescaling -------------------------------
    "brenner1999": dict(kind="article", authors=_a("Brenner, N."), year="1999",
        title="Globalisation as reterritorialisation: The re-scaling of urban governance in the European Union",
        journal="Urban Studies", volume="36", issue="3", pages="431–451"),
    "brenner2004": dict(kind="book", authors=_a("Brenner, N."), year="2004",
        title="New state spaces: Urban governance and the rescaling of statehood",
        publisher="Oxford University Press", place="Oxford"),
    "brenner2009": dict(kind="article", authors=_a("Brenner, N."), year="2009",
        title="Open questions on state rescaling",
        journal="Cambridge Journal of Regions, Economy and Society", volume="2", issue="1", pages="123–139"),
    "jessop2002": dict(kind="book", authors=_a("Jessop, B."), year="2002",
        title="The future of the capitalist state", publisher="Polity Press", place="Cambridge"),
    "peck2002": dict(kind="article", authors=_a("Peck, J."), year="2002",
        title="Political economies of scale: Fast policy, interscalar relations, and neoliberal workfare",
        journal="Economic Geography", volume="78", issue="3", pages="331–360"),
    "harvey1989": dict(kind="article", authors=_a("Harvey, D."), year="1989",
        title="From managerialism to entrepreneurialism: The transformation in urban governance in late capitalism",
        journal="Geografiska Annaler: Series B, Human Geography", volume="71", issue="1", pages="3–17"),
    "swyngedouw1997": dict(kind="chapter", authors=_a("Swyngedouw, E."), year="1997",
        title="Neither global nor local: “Glocalization” and the politics of scale",
        editors=_a("Cox, K. R."), booktitle="Spaces of globalization: Reasserting the power of the local",
        pages="137–166", publisher="Guilford Press", place="New York"),
    "smith1992": dict(kind="chapter", authors=_a("Smith, N."), year="1992",
        title="Geography, difference and the politics of scale",
        editors=_a("Doherty, J.", "Graham, E.", "Malek, M."), booktitle="Postmodernism and the social sciences",
        pages="57–79", publisher="Macmillan", place="London"),
    "marston2000": dict(kind="article", authors=_a("Marston, S. A."), year="2000",
        title="The social construction of scale", journal="Progress in Human Geography",
        volume="24", issue="2", pages="219–242"),
    "cox1998": dict(kind="article", authors=_a("Cox, K. R."), year="1998",
        title="Spaces of dependence, spaces of engagement and the politics of scale, or: Looking for local politics",
        journal="Political Geography", volume="17", issue="1", pages="1–23"),
    "logan1987": dict(kind="book", authors=_a("Logan, J. R.", "Molotch, H. L."), year="1987",
        title="Urban fortunes: The political economy of place", publisher="University of California Press",
        place="Berkeley"),
    "jessop2008": dict(kind="article", authors=_a("Jessop, B.", "Brenner, N.", "Jones, M."), year="2008",
        title="Theorizing sociospatial relations", journal="Environment and Planning D: Society and Space",
        volume="26", issue="3", pages="389–401"),
    "marston2005": dict(kind="article", authors=_a("Marston, S. A.", "Jones, J. P.", "Woodward, K."),
        year="2005", title="Human geography without scale",
        journal="Transactions of the Institute of British Geographers", volume="30", issue="4", pages="416–432"),
    # --- city-regions -----------------------------------------------------------
    "scott2001": dict(kind="book", authors=_a("Scott, A. J."), editors_as_authors=True, year="2001",
        title="Global city-regions: Trends, theory, policy", publisher="Oxford University Press", place="Oxford"),
    "harrison2007": dict(kind="article", authors=_a("Harrison, J."), year="2007",
        title="From competitive regions to competitive city-regions: A new orthodoxy, but some old mistakes",
        journal="Journal of Economic Geography", volume="7", issue="3", pages="311–332"),
    "ward2004": dict(kind="article", authors=_a("Ward, K.", "Jonas, A. E. G."), year="2004",
        title="Competitive city-regionalism as a politics of space: A critical reinterpretation of the new regionalism",
        journal="Environment and Planning A", volume="36", issue="12", pages="2119–2139"),
    "jonas2007": dict(kind="article", authors=_a("Jonas, A. E. G.", "Ward, K."), year="2007",
        title="Introduction to a debate on city-regions: New geographies of governance, democracy and social reproduction",
        journal="International Journal of Urban and Regional Research", volume="31", issue="1", pages="169–178"),
    "jonas2012": dict(kind="article", authors=_a("Jonas, A. E. G."), year="2012",
        title="City-regionalism: Questions of distribution and politics",
        journal="Progress in Human Geography", volume="36", issue="6", pages="822–829"),
    # --- (b) China: state-orchestrated city regionalism -------------------------
    "wu2016": dict(kind="article", authors=_a("Wu, F."), year="2016",
        title="China’s emergent city-region governance: A new form of state spatial selectivity through "
              "state-orchestrated rescaling",
        journal="International Journal of Urban and Regional Research", volume="40", issue="6", pages="1134–1151"),
    "wu2018": dict(kind="article", authors=_a("Wu, F."), year="2018",
        title="Planning centrality, market instruments: Governing Chinese urban transformation under state "
              "entrepreneurialism",
        journal="Urban Studies", volume="55", issue="7", pages="1383–1399"),
    "liwu2012": dict(kind="article", authors=_a("Li, Y.", "Wu, F."), year="2012",
        title="The transformation of regional governance in China: The rescaling of statehood",
        journal="Progress in Planning", volume="78", issue="2", pages="55–99"),
    "liwu2018": dict(kind="article", authors=_a("Li, Y.", "Wu, F."), year="2018",
        title="Understanding city-regionalism in China: Regional cooperation in the Yangtze River Delta",
        journal="Regional Studies", volume="52", issue="3", pages="313–324"),
    "ye2014": dict(kind="article", authors=_a("Ye, L."), year="2014",
        title="State-led metropolitan governance in China: Making integrated city regions",
        journal="Cities", volume="41", pages="200–208"),
    "xu2005": dict(kind="article", authors=_a("Xu, J.", "Yeh, A. G. O."), year="2005",
        title="City repositioning and competitiveness building in regional development: New development "
              "strategies in Guangzhou, China",
        journal="International Journal of Urban and Regional Research", volume="29", issue="2", pages="283–308"),
    "ma2005": dict(kind="article", authors=_a("Ma, L. J. C."), year="2005",
        title="Urban administrative restructuring, changing scale relations and local economic development in China",
        journal="Political Geography", volume="24", issue="4", pages="477–497"),
    "ong2006": dict(kind="book", authors=_a("Ong, A."), year="2006",
        title="Neoliberalism as exception: Mutations in citizenship and sovereignty",
        publisher="Duke University Press", place="Durham, NC"),
    "statecouncil2014": dict(kind="report", authors=[("State Council", "")], org=True, year="2014",
        title="National new-type urbanization plan (2014–2020)", publisher="State Council of the People’s "
              "Republic of China", place="Beijing"),
    # --- (c) assemblage, relational and topological readings --------------------
    "delanda2006": dict(kind="book", authors=_a("DeLanda, M."), year="2006",
        title="A new philosophy of society: Assemblage theory and social complexity", publisher="Continuum",
        place="London"),
    "mcfarlane2011": dict(kind="article", authors=_a("McFarlane, C."), year="2011",
        title="Assemblage and critical urbanism", journal="City", volume="15", issue="2", pages="204–224"),
    "allen2007": dict(kind="article", authors=_a("Allen, J.", "Cochrane, A."), year="2007",
        title="Beyond the territorial fix: Regional assemblages, politics and power", journal="Regional Studies",
        volume="41", issue="9", pages="1161–1175"),
    "allen2010": dict(kind="article", authors=_a("Allen, J.", "Cochrane, A."), year="2010",
        title="Assemblages of state power: Topological shifts in the organization of government and politics",
        journal="Antipode", volume="42", issue="5", pages="1071–1089"),
    "deleuze1987": dict(kind="book", authors=_a("Deleuze, G.", "Guattari, F."), year="1987",
        title="A thousand plateaus: Capitalism and schizophrenia", translator="B. Massumi",
        publisher="University of Minnesota Press", place="Minneapolis"),
    "amin2004": dict(kind="article", authors=_a("Amin, A."), year="2004",
        title="Regions unbound: Towards a new politics of place",
        journal="Geografiska Annaler: Series B, Human Geography", volume="86", issue="1", pages="33–44"),
    "massey2005": dict(kind="book", authors=_a("Massey, D."), year="2005", title="For space",
        publisher="Sage", place="London"),
    "anderson2011": dict(kind="article", authors=_a("Anderson, B.", "McFarlane, C."), year="2011",
        title="Assemblage and geography", journal="Area", volume="43", issue="2", pages="124–127"),
    # --- (d) the critique of assemblage urbanism ---------------------------------
    "brenner2011": dict(kind="article", authors=_a("Brenner, N.", "Madden, D. J.", "Wachsmuth, D."), year="2011",
        title="Assemblage urbanism and the challenges of critical urban theory", journal="City", volume="15",
        issue="2", pages="225–240"),
}


def _syn(num: int, authors: list[str], year: str, title: str, journal: str, volume: str, issue: str,
         pages: str) -> Ref:
    return dict(kind="article", authors=_a(*authors), year=year, title=title,
                journal=SYNTHETIC_JOURNALS[journal], volume=volume, issue=issue, pages=pages,
                doi=f"10.5555/litmap.synthetic.{num:02d}", synthetic=True)


# Records of the synthetic papers themselves (their page ranges match the folios drawn).
REFS.update({
    "hartwell2008": _syn(1, ["Hartwell, E."], "2008",
        "Rescaling the entrepreneurial city: State spatial strategies after Fordism", "sgq", "2", "1", "11–14"),
    "okafor2010": _syn(2, ["Okafor, D.", "Hartwell, E."], "2010",
        "Competitive city-regionalism and the politics of scale", "rfr", "6", "3", "201–204"),
    "lindqvist2012": _syn(3, ["Lindqvist, S."], "2012",
        "Regions as assemblages: Topological power and the unbounded city-region", "jrg", "4", "2", "77–80"),
    "hartwell2013": _syn(4, ["Hartwell, E.", "Feld, M."], "2013",
        "Assemblage, scale and the limits of flat ontology in regional studies", "sgq", "7", "4", "301–304"),
    "chen2014": _syn(5, ["Chen, W.", "Li, X."], "2014",
        "State-orchestrated regionalism in the Yangtze River Delta: Planning, rescaling and inter-city "
        "cooperation", "aurr", "9", "1", "45–48"),
    "zhang2016": _syn(6, ["Zhang, J.", "Chen, W.", "Liu, H."], "2016",
        "National New Areas and the rescaling of development zones in China", "aurr", "11", "3", "150–153"),
    "liu2018": _syn(7, ["Liu, H.", "Moreno, R."], "2018",
        "From urban entrepreneurialism to state entrepreneurialism: Governing city-regions in the Pearl River "
        "Delta", "tsp", "3", "2", "88–91"),
    "li2020": _syn(8, ["Li, X.", "Chen, W.", "Wu, Y."], "2020",
        "Assembling the city-region: Relational readings of regional governance in Beijing-Tianjin-Hebei",
        "rfr", "16", "1", "12–15"),
    "ribeiro2019": dict(kind="report", authors=_a("Ribeiro, A."), year="2019",
        title="Scalar politics of metropolitan governance in the Greater Bay Area", note="Working paper",
        publisher="litmap synthetic sample corpus", place="", doi="10.5555/litmap.synthetic.11", synthetic=True),
    "moreno2022": _syn(9, ["Moreno, R.", "Zhang, J."], "2022",
        "Zoning technologies and variegated sovereignty: National New Areas as territorial experiments", "tsp",
        "7", "1", "23–26"),
    "lindqvist2024": _syn(10, ["Lindqvist, S.", "Okafor, D."], "2024",
        "Rescaling after assemblage? Taking stock of two decades of city-region research", "jrg", "16", "1",
        "1–4"),
})
