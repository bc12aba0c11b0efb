"""Text of the synthetic sample papers (written for the litmap demo; not real publications).

Each paper belongs to a camp of the debates litmap maps: (a) political-economy
state rescaling, (b) state-orchestrated city regionalism in China, (c)
assemblage/relational/topological readings, and (d) the critique of assemblage
urbanism. In-text citations are written out in each paper's own style; ``cites``
lists the REFS keys of its reference list. Authors, affiliations and journals
are invented; any likeness to real people or venues is accidental.
"""

from __future__ import annotations

from typing import Any

Paper = dict[str, Any]

TABLE = "[[TABLE]]"
FIGURE = "[[FIGURE]]"

PAPERS: list[Paper] = [
dict(
    key="hartwell2008", slug="synthetic-01-hartwell-2008-rescaling-entrepreneurial-city",
    style="apa", columns=1, received="Received 3 March 2007; accepted 9 November 2007",
    authors=[("Eleanor Hartwell", [0])],
    affiliations=["School of Geography, University of Northmoor (fictional), United Kingdom"],
    abstract=(
        "This paper revisits the transformation of urban governance in a former industrial metropolis through "
        "the lens of state rescaling. It argues that the shift from managerial to entrepreneurial modes of urban "
        "governance cannot be understood as a purely local response to deindustrialisation. Rather, it is one "
        "moment in a wider reorganisation of state space in which national states devolve competitive "
        "responsibilities to cities while recentralising fiscal control. The argument is developed through a "
        "reading of regeneration partnerships between 1988 and 2006."),
    keywords=["state rescaling", "urban entrepreneurialism", "new state spaces", "post-Fordism", "politics of scale"],
    sections=[
        ("1. Introduction", [
            "Few arguments have been as influential in urban studies as the claim that Western cities moved, from "
            "the 1970s onwards, from managerialism to entrepreneurialism (Harvey, 1989). Local states ceased to be "
            "mere providers of collective consumption and became promoters of growth, competing for mobile capital, "
            "events and middle-class residents. Drawing on Brenner (2004), this paper argues that the entrepreneurial "
            "city is best read as a product of state rescaling: a reorganisation of the scalar architecture of the "
            "state in which cities become the privileged sites of accumulation strategies.",
            "The paper proceeds in three steps. Section 2 reviews the political economy of scale. Section 3 argues "
            "for a relational view of scale. Section 4 traces regeneration partnerships in a northern English "
            "city-region, and Section 5 returns to the question of what "
            "kind of state is produced through these partnerships."]),
        ("2. The political economy of scale", [
            "Scale, in the literature reviewed here, is neither a fixed level nor a neutral container. It is "
            "socially produced and politically contested (Smith, 1992; Marston, 2000). Swyngedouw (1997) "
            "describes a process of glocalisation in which regulatory capacities move simultaneously upwards to "
            "supranational bodies and downwards to regions and cities. The Keynesian welfare national state gives "
            "way, in Jessop's terms, to a Schumpeterian workfare post-national regime (see Jessop, 2002; cf. Peck, "
            "2002). Its hallmark is the subordination of social policy to the demands of competitiveness.",
            "Brenner (1999) had already shown that the re-scaling of urban governance in the European Union was a "
            "form of reterritorialisation rather than a withdrawal of the state. New state spaces are, in this view, "
            "the outcome of a politically mediated search for new scalar fixes (Brenner, 2004: 45). Cox (1998) "
            "adds an important qualification: local coalitions act through spaces of dependence and spaces of "
            "engagement, so that jumping scales is a strategy of actors and not only a structural tendency.",
            "The growth coalition literature (Logan & Molotch, 1987) offers a complementary account of how property "
            "interests organise around the exchange value of place. What the rescaling approach adds is attention to "
            "the national state as the author of the rules within which such coalitions compete."]),
        ("3. Scale as relation rather than level", [
            "A recurrent misunderstanding treats scales as nested levels, from the global to the local, each with "
            "its own proper functions. The literature reviewed above suggests instead that scales are relations: "
            "the local is made through its connections to national funding regimes and to global circuits of "
            "capital (Swyngedouw, 1997). Marston (2000) widened this argument by showing that the household and "
            "social reproduction are also scaled, so that the politics of scale is not confined to the state.",
            "For the purposes of this paper, the relational view has a practical consequence. The question is not "
            "whether a city acts locally or nationally but how its coalitions mobilise resources at several "
            "scales at once, and which of these scales the national state privileges. Smith (1992) called this "
            "jumping scales: the capacity of actors to move a conflict to the scale at which they are strongest."]),
        ("4. Regeneration partnerships, 1988–2006", [
            "The regeneration programmes of the late 1980s created development corporations that bypassed elected "
            "local authorities. Their successors in the 1990s, the competitive bidding regimes, required local "
            "partnerships to demonstrate private-sector leverage. By the early 2000s regional development agencies "
            "had become the main brokers of funding. At each stage, the scale at which urban policy was made moved, "
            "but the fiscal centre of gravity remained in Whitehall.",
            "Interviews with officers suggest that the local state learned to perform entrepreneurialism for an "
            "audience of national funders. Competitiveness was less a local strategy than a condition of access to "
            "resources. This is precisely the interscalar rule regime that Peck (2002) associates with fast policy."]),
        ("5. Conclusion", [
            "The entrepreneurial city is not an autonomous actor. It is a node in a rescaled state whose spatial "
            "selectivity privileges some places over others. Future research should compare such state spatial "
            "strategies across national contexts, including rapidly urbanising states outside Europe, where the "
            "orchestration of city-regions from above may be still more pronounced."]),
    ],
    cites=["harvey1989", "brenner2004", "brenner1999", "smith1992", "marston2000", "swyngedouw1997", "jessop2002",
           "peck2002", "cox1998", "logan1987"],
),
dict(
    key="okafor2010", slug="synthetic-02-okafor-hartwell-2010-competitive-city-regionalism",
    style="harvard", columns=2, received="Received 12 May 2009; accepted 2 February 2010",
    authors=[("Daniel Okafor", [0]), ("Eleanor Hartwell", [1])],
    affiliations=["Department of Urban Planning, Lakeshore Institute of Technology (fictional), Canada",
                  "School of Geography, University of Northmoor (fictional), United Kingdom"],
    abstract=(
        "City-regions have become the new orthodoxy of economic development policy. This paper interrogates "
        "the competitive city-regionalism that accompanies this orthodoxy and asks whose interests the "
        "city-region scale serves. We argue that city-regionalism is a politics of space in which national "
        "states select metropolitan territories as engines of growth, and we trace this selection in two "
        "metropolitan areas."),
    keywords=["city-region", "city regionalism", "state rescaling", "metropolitan governance", "competitiveness"],
    sections=[
        ("Introduction", [
            "The global city-region has been promoted as the basic motor of the contemporary economy (Scott 2001). "
            "Policy makers have embraced the concept with enthusiasm, yet the critical literature has warned that "
            "the new regionalism rests on some old mistakes (Harrison 2007). Ward and Jonas (2004) famously read "
            "competitive city-regionalism as a politics of space: a selective construction of territories in "
            "which particular coalitions pursue growth.",
            "Building on Hartwell (2008), we treat the city-region not as a natural economic unit but as an "
            "outcome of state rescaling. The question is then not whether city-regions exist but who constructs "
            "them, at which scale, and with which distributional consequences (Jonas and Ward 2007)."]),
        ("Scale, territory and the city-region", [
            "Political economists have long insisted that scales are produced (Brenner 2004; Jessop 2002). The "
            "debate on human geography without scale (Marston et al. 2005) challenged this vocabulary, proposing a "
            "flat ontology of sites. We remain unconvinced: the abolition of scale risks losing sight of the "
            "hierarchical powers that national states continue to exercise over metropolitan territories "
            "(Brenner 2009, p. 126). City-regional governance is, in this sense, a new state space.",
            "At the same time, the institutional forms of city-regionalism vary greatly. In some cases they are "
            "voluntary associations of municipalities; in others they are mandated from above with considerable "
            "fiscal inducements. This variation is itself an object of analysis rather than noise."]),
        ("Two metropolitan cases", [
            "In the first metropolitan area, a combined authority was formed in response to a national invitation "
            "to bid for devolved transport and skills funding. The member councils agreed on a shared growth "
            "strategy but deferred every question of redistribution. In the second, a provincial government "
            "imposed amalgamation on suburban municipalities, producing a single tier with a regional planning "
            "mandate. Both cases show that city-regional institutions were assembled under conditions that "
            "national or provincial states defined.",
            "Competitiveness served as the common language. Officers in both places justified the city-region "
            "scale by reference to benchmarks of productivity rather than to questions of collective consumption "
            "or social reproduction."]),
        ("Conclusion", [
            "Competitive city-regionalism is a state project. It selects territories, sets the rules of competition "
            "between them and leaves distribution to the discretion of local coalitions. Comparative work should "
            "extend this argument to states where city-regions are orchestrated even more explicitly from above."]),
    ],
    cites=["scott2001", "harrison2007", "ward2004", "hartwell2008", "jonas2007", "brenner2004", "jessop2002",
           "marston2005", "brenner2009"],
),
dict(
    key="lindqvist2012", slug="synthetic-03-lindqvist-2012-regions-as-assemblages",
    style="sage", columns=1, received="Received 20 June 2011; accepted 14 January 2012",
    authors=[("Sofia Lindqvist", [0])],
    affiliations=["Department of Human Geography, Baltic Coast University (fictional), Sweden"],
    abstract=(
        "Debates on city-regions remain dominated by a territorial imagination in which regions are bounded "
        "containers nested within the state. This paper proposes instead to read regions as assemblages of "
        "people, policies, infrastructures and documents that are held together in more or less durable ways. "
        "Drawing on assemblage thinking and on topological accounts of power, it shows how a Nordic "
        "city-region is made present through reach rather than through territorial extent."),
    keywords=["assemblage", "topology", "relational space", "city-region", "territoriality"],
    sections=[
        ("Introduction", [
            "What is a region? For political economists of scale, regions are moments in the rescaling of the "
            "state (Brenner, 2004). In contrast to Hartwell (2008), who reads the city-region as a product of "
            "national state strategy, this paper follows Allen and Cochrane (2007, 2010) in treating regions as "
            "assemblages whose elements are drawn from many places at once. Amin (2004) has called this the "
            "unbound region: a site of relational connections that exceed any territorial boundary.",
            "The turn to assemblage in geography (Anderson and McFarlane, 2011) takes inspiration from Deleuze "
            "and Guattari (1987), for whom an assemblage is a multiplicity of heterogeneous terms. DeLanda "
            "(2006) turned this ontology into a social theory of relations of exteriority, in which wholes have "
            "emergent properties yet their parts can be detached and plugged into other assemblages."]),
        ("Topological power and the region", [
            "Allen and Cochrane (2010) argue that state power increasingly works through topological rather than "
            "topographical arrangements: actors at a distance are made present through reach, so that the "
            "national and the regional are folded into each other. This insight challenges the vertical metaphor "
            "of scale (Marston et al., 2005). Regions are less levels in a hierarchy than sites where relations "
            "of different lengths converge (Massey, 2005).",
            "McFarlane (2011) suggests that assemblage offers critical urbanism a way to foreground the labour of "
            "gathering things together and the possibility that they might be assembled otherwise. I find this "
            "proposition productive for regional studies, although, as Brenner et al. (2011) warn, it carries "
            "the risk of describing contingency without explaining structure."]),
        ("A Nordic city-region as assemblage", [
            "The city-region studied here has no single authority. It is held together by a transport compact, "
            "a labour-market statistic, a branding agency and a series of consultancy reports. Each of these "
            "elements came from elsewhere: the statistic from a national agency, the branding model from another "
            "European city, the consultancy method from a global firm. The region is present because these "
            "elements are kept in relation, not because a boundary encloses them.",
            "When the transport compact was renegotiated, the region temporarily fell apart. Municipal officers "
            "described a loss of the region as an actor. This is what DeLanda calls a process of "
            "deterritorialisation; its counterpart, reterritorialisation, came with a new funding formula."]),
        ("Conclusion", [
            "Reading regions as assemblages does not deny the state. It asks how the state is assembled into "
            "regions, through which documents and devices, and with what fragility. The territorial fix of "
            "rescaling theory is, in this light, one possible outcome of assembling and not its precondition."]),
    ],
    cites=["brenner2004", "hartwell2008", "allen2007", "allen2010", "amin2004", "anderson2011", "deleuze1987",
           "delanda2006", "marston2005", "massey2005", "mcfarlane2011", "brenner2011"],
),
dict(
    key="hartwell2013", slug="synthetic-04-hartwell-feld-2013-limits-of-flat-ontology",
    style="apa", columns=2, received="Received 2 October 2012; accepted 30 May 2013",
    authors=[("Eleanor Hartwell", [0]), ("Marcus Feld", [1])],
    affiliations=["School of Geography, University of Northmoor (fictional), United Kingdom",
                  "Institute for Spatial Research, Rhine Valley University (fictional), Germany"],
    abstract=(
        "Assemblage thinking has entered regional studies as an alternative to scalar political economy. "
        "This paper assesses that claim. Drawing on Brenner, Madden and Wachsmuth (2011), we argue that "
        "assemblage analyses are strong on description but weak on explanation, and that their flat ontology "
        "obscures the structuring force of capital accumulation and state strategy. We propose a "
        "strategic-relational alternative that keeps scale as one dimension among several."),
    keywords=["assemblage", "critical urban theory", "state rescaling", "sociospatial relations", "scale"],
    sections=[
        ("1. Introduction", [
            "Assemblage has become a fashionable term in urban and regional studies (McFarlane, 2011; Anderson & "
            "McFarlane, 2011). Its proponents promise to escape the territorial trap of scale and to attend to the "
            "contingent work of gathering regions together (Allen & Cochrane, 2007, 2010). Brenner, Madden, and "
            "Wachsmuth (2011) have responded that assemblage urbanism, in its ontological form, abandons the "
            "questions of political economy that critical urban theory exists to ask.",
            "We share this concern. However, McFarlane (2011) fails to show how assemblage analysis can account "
            "for the systematic unevenness of capitalist urbanisation; contingency is asserted rather than "
            "demonstrated. Likewise, Lindqvist (2012) describes the fragility of a city-region without asking why "
            "some regional assemblages prove durable while others collapse."]),
        ("2. Three versions of assemblage", [
            "Following Brenner et al. (2011), we distinguish an empirical use of assemblage as a description of "
            "heterogeneous elements, a methodological use as a research orientation, and an ontological use in "
            "which the world is held to be flat. The first two are compatible with political economy; the third "
            "is not. DeLanda (2006) provides the most systematic statement of the ontological position, and "
            "Deleuze and Guattari (1987) its philosophical source.",
            "The ontological version reproduces the arguments of the debate on human geography without scale "
            "(Marston et al., 2005). It treats hierarchy as an illusion rather than as a historically produced "
            "outcome of state strategies (Brenner, 2009, p. 126)."]),
        ("3. A strategic-relational alternative", [
            "Jessop, Brenner, and Jones (2008) propose that sociospatial relations comprise territory, place, scale "
            "and network, and that none of these dimensions should be privileged a priori. This polymorphic "
            "approach can accommodate the insights of assemblage thinking about networks and topological reach "
            "while retaining an account of how states select particular scales as sites of regulation "
            "(Brenner, 2004; Jessop, 2002). It asks which assemblages are strategically selected, by whom, and "
            "with what consequences for uneven development.",
            "Applied to city-regions, this means asking how national states orchestrate regional assemblages. The "
            "question matters most where the state plays a direct part in constructing city-regions, as in "
            "contemporary China."]),
        ("4. Conclusion", [
            "Assemblage is a useful word for a complex object, but a weak substitute for explanation. Regional "
            "studies will gain more from a polymorphic account of sociospatial relations than from a flat "
            "ontology."]),
    ],
    cites=["mcfarlane2011", "anderson2011", "allen2007", "allen2010", "brenner2011", "lindqvist2012",
           "delanda2006", "deleuze1987", "marston2005", "brenner2009", "jessop2008", "brenner2004", "jessop2002"],
),
dict(
    key="chen2014", slug="synthetic-05-chen-li-2014-state-orchestrated-regionalism-yrd",
    style="harvard", columns=1, received="Received 8 April 2013; accepted 19 December 2013",
    authors=[("Wei Chen", [0]), ("Xiaoming Li", [1])],
    affiliations=["School of Architecture and Urban Planning, Eastriver University (fictional), China",
                  "Centre for Regional Studies, Harbourview University (fictional), Hong Kong SAR"],
    abstract=(
        "Regional governance in China has changed from inter-city competition towards state-orchestrated "
        "regionalism. Using the Yangtze River Delta as a case, this paper examines how regional plans, "
        "inter-city cooperation agreements and administrative annexation reconfigure the scales of urban "
        "governance. We show that regionalism is initiated from above by the central and provincial states, "
        "while cities pursue their own entrepreneurial agendas within the space that regional plans allow."),
    keywords=["city regionalism", "regional governance", "Yangtze River Delta", "rescaling", "China"],
    sections=[
        ("1. Introduction", [
            "After the fiscal reforms of 1994, Chinese cities became entrepreneurial actors, competing for "
            "investment through development zones and place promotion (Xu and Yeh 2005). Administrative "
            "restructuring, such as turning counties into urban districts, changed scale relations between "
            "cities and their hinterlands (Li and Wu 2012; Ma 2005). By the late 2000s, however, fierce "
            "inter-city competition had produced duplicated infrastructure and industrial overcapacity.",
            "Regional planning returned as a response. Drawing on the literature on state rescaling (Brenner "
            "2004; Jessop 2002), we interpret this return not as decentralisation but as a recentralisation of "
            "regional coordination, which we call state-orchestrated regionalism."]),
        ("2. From urban entrepreneurialism to regional coordination", [
            "Harvey (1989) described urban entrepreneurialism as a response of local states to interurban "
            "competition. In China, entrepreneurial cities were produced by decentralisation itself. Li and Wu "
            "(2012) show that regional governance went through phases of marketisation and then of "
            "re-centralisation, as the central state used regional plans to discipline local growth machines. "
            "Okafor and Hartwell (2010) find a similar logic in Western metropolitan areas, but the instruments "
            "differ: in China, the planning system rather than competitive bidding provides the lever.",
            "Three instruments stand out: national regional plans approved by the State Council, inter-city "
            "cooperation agreements signed by mayors, and administrative annexation. Each works at a different "
            "scale, but all three are sanctioned from above."]),
        ("3. The Yangtze River Delta", [
            "The regional plan for the Yangtze River Delta designated Shanghai as the core of a polycentric "
            "city-region and assigned functions to surrounding cities. Mayors of the delta's cities met regularly "
            "in a coordination forum, yet the agreements they signed rarely included binding commitments. "
            "Cooperation was strongest where the provincial government provided funding, for example in "
            "cross-boundary transport.",
            "Our interviews suggest that city officials regarded regional cooperation as a new arena of "
            "competition: being designated as a sub-centre in the regional plan secured land quotas and "
            "infrastructure investment. Regionalism and entrepreneurialism thus coexist rather than replace each "
            "other."]),
        ("4. Conclusion", [
            "Chinese city regionalism is orchestrated by the state. It is a strategy of rescaling that combines "
            "central coordination with local entrepreneurialism. Further research should examine new state "
            "spaces such as National New Areas, where this combination takes an explicitly territorial form."]),
    ],
    cites=["xu2005", "liwu2012", "ma2005", "brenner2004", "jessop2002", "harvey1989", "okafor2010"],
),
dict(
    key="zhang2016", slug="synthetic-06-zhang-chen-liu-2016-national-new-areas",
    style="sage", columns=2, received="Received 1 September 2015; accepted 18 April 2016",
    authors=[("Jing Zhang", [0]), ("Wei Chen", [1]), ("Hao Liu", [0])],
    affiliations=["College of Geography and Planning, Southhill University (fictional), China",
                  "School of Architecture and Urban Planning, Eastriver University (fictional), China"],
    abstract=(
        "National New Areas are state-level development zones approved by the State Council. From a single "
        "case in Shanghai Pudong in 1992, their number rose to 18 by mid-2016. This paper examines the "
        "proliferation of National New Areas as a rescaling of development zones: from industrial enclaves "
        "managed by municipalities towards large territories that combine several jurisdictions and are "
        "steered by provincial and central governments."),
    keywords=["National New Areas", "development zones", "state rescaling", "zone fever", "China"],
    sections=[
        ("Introduction", [
            "Development zones have been the signature spatial technology of China’s reform era. The zone fever "
            "of the early 1990s and again of the early 2000s produced thousands of industrial parks at every "
            "level of government (Xu and Yeh, 2005). National New Areas belong to this lineage, but they differ "
            "in scale, function and governance. Table 2 lists the areas approved up to 2016, and Fig. 1 "
            "summarises their typical governance structure.",
            "The National New-type Urbanization Plan assigned new areas a role in optimising the spatial "
            "pattern of urbanisation (State Council, 2014). Following Wu (2016), we read this as a form of state "
            "spatial selectivity through state-orchestrated rescaling. Chen and Li (2014) have shown how regional "
            "plans orchestrate cooperation in the Yangtze River Delta; National New Areas extend this logic to "
            "the making of new territories."]),
        ("Zones as spaces of exception", [
            "Ong (2006) interprets zones as spaces of exception in which the state applies different rules to "
            "different populations, producing graduated sovereignty. Development zones in China fit this "
            "description well. National New Areas, however, are less exceptions than experiments: they are "
            "meant to trial policies that will later be extended to the nation.",
            TABLE,
            "The timing of approvals is striking (Table 2). After a long gap following Pudong (1992) and Binhai "
            "(2006), approvals accelerated sharply in 2014 and 2015, shortly after the urbanisation plan was "
            "published. Most of the new areas are located in central and western China."]),
        ("Governance and rescaling", [
            FIGURE,
            "Governance is typically led by a management committee that reports to the provincial government, "
            "while the constituent districts retain their administrative status (Fig. 1). This arrangement "
            "resembles what Li and Wu (2012) call the rescaling of statehood: the provincial state acquires a "
            "direct role in the development of a city-regional territory. Ye (2014) describes similar "
            "state-led metropolitan governance in integrated city regions.",
            "A planning official in one new area explained that approval by the State Council meant “a national "
            "label, not national money” (Interview, planning official, 2015). The label was valued because it "
            "eased access to land quotas and bank credit."]),
        ("Zone fever and its critics", [
            "Critics of the zone fever pointed to the loss of farmland, the accumulation of local debt and the "
            "duplication of industrial parks in neighbouring jurisdictions. Ma (2005) showed how administrative "
            "restructuring changed scale relations between cities and counties, allowing municipalities to "
            "convert rural land into development zones. The entrepreneurial strategies of city governments "
            "(Harvey, 1989; Xu and Yeh, 2005) were, in this sense, enabled by a particular scalar arrangement of "
            "the Chinese state.",
            "National New Areas respond to these criticisms in two ways. They concentrate privileges in a "
            "smaller number of larger territories, and they place coordination above the level of the "
            "competing municipalities. Whether this reduces duplication or merely moves competition to a "
            "higher scale is an open question that our fieldwork cannot yet settle."]),
        ("Conclusion", [
            "National New Areas rescale development zones upwards and outwards. They combine the exceptional "
            "rules of zones with the strategic ambitions of regional plans. Their proliferation suggests that the "
            "orchestration of city-regions from above is becoming the dominant mode of territorial governance in "
            "China (Brenner, 2004; Wu, 2016)."]),
    ],
    cites=["xu2005", "statecouncil2014", "wu2016", "chen2014", "ong2006", "liwu2012", "ye2014", "brenner2004",
           "ma2005", "harvey1989"],
    table=dict(caption="Table 2. National New Areas approved by the State Council, 1992–2016.",
               rows=[("Period", "Areas approved", "Number"),
                     ("1992", "Pudong (Shanghai)", "1"),
                     ("2006", "Binhai (Tianjin)", "1"),
                     ("2010–2012", "Liangjiang, Zhoushan, Lanzhou, Nansha", "4"),
                     ("2014", "Xixian, Gui’an, West Coast, Jinpu, Tianfu", "5"),
                     ("2015", "Xiangjiang, Jiangbei, Fuzhou, Dianzhong, Harbin", "5"),
                     ("2016", "Changchun, Ganjiang", "2")]),
    figure=dict(caption="Fig. 1. Typical governance structure of a National New Area (schematic).",
                boxes=["State Council (approval)", "Provincial government", "NNA management committee",
                       "Districts and counties"]),
),
dict(
    key="liu2018", slug="synthetic-07-liu-moreno-2018-state-entrepreneurialism-prd",
    style="springer", columns=1, received="Received 11 July 2017; accepted 5 February 2018",
    authors=[("Hao Liu", [0]), ("Rachel Moreno", [1])],
    affiliations=["College of Geography and Planning, Southhill University (fictional), China",
                  "Department of Geography, Pacific Crest University (fictional), United States"],
    abstract=(
        "The concept of urban entrepreneurialism has travelled from Western cities to China, where it has "
        "been used to explain the growth of development zones and mega-projects. This paper argues that "
        "Chinese city-regions are better understood through state entrepreneurialism: a combination of "
        "planning centrality and market instruments. We illustrate the argument with the governance of "
        "cross-boundary projects in the Pearl River Delta."),
    keywords=["state entrepreneurialism", "urban entrepreneurialism", "Pearl River Delta", "city-region",
              "growth coalition"],
    sections=[
        ("1 Introduction", [
            "Harvey (1989) observed that urban governance in late capitalism had turned entrepreneurial. Local "
            "states took risks, formed public–private partnerships and speculated on place. The growth machine "
            "thesis (Logan and Molotch 1987) explained the coalitions behind this turn. Both accounts presuppose "
            "a relatively autonomous local state. In China, the local state is part of a hierarchy in which the "
            "centre retains the power to appoint, to approve and to plan.",
            "Wu (2018) proposes the notion of state entrepreneurialism to capture this configuration. We extend it "
            "to the city-region scale, following Wu (2016) and Li and Wu (2018) on city-regionalism."]),
        ("2 From city repositioning to regional projects", [
            "In the early 2000s, Guangzhou repositioned itself through new development strategies, annexing "
            "counties and building a new town centre (Xu and Yeh 2005). These were classic entrepreneurial moves. "
            "A decade later, the leading projects in the Pearl River Delta were regional: bridges, intercity "
            "railways and cooperation zones straddling jurisdictions. Zhang et al. (2016) show that National New "
            "Areas such as Nansha were approved in the same period, combining zone privileges with regional "
            "functions.",
            "Cross-boundary projects were financed through local government financing vehicles, yet their "
            "alignment and phasing were fixed in provincial and national plans. Market instruments were used to "
            "realise plans rather than to replace them."]),
        ("3 State entrepreneurialism at the city-region scale", [
            "We identify three features. First, the state sets strategic targets and uses land and credit as "
            "instruments. Second, cities compete to host regional functions, so competition is channelled rather "
            "than suppressed. Third, coordination is achieved through cadre evaluation rather than through "
            "voluntary associations. This differs from the competitive city-regionalism described in Western "
            "contexts (Okafor and Hartwell 2010; Ward and Jonas 2004)."]),
        ("4 Conclusion", [
            "Urban entrepreneurialism in China has been rescaled. The entrepreneurial actor is no longer the city "
            "alone but a state that orchestrates city-regions through plans, state-owned enterprises and finance."]),
    ],
    cites=["harvey1989", "logan1987", "wu2018", "wu2016", "liwu2018", "xu2005", "zhang2016", "okafor2010",
           "ward2004"],
),
dict(
    key="li2020", slug="synthetic-08-li-chen-wu-2020-assembling-the-city-region",
    style="harvard", columns=2, received="Received 14 March 2019; accepted 3 December 2019",
    authors=[("Xiaoming Li", [0]), ("Wei Chen", [1]), ("Yue Wu", [0])],
    affiliations=["Centre for Regional Studies, Harbourview University (fictional), Hong Kong SAR",
                  "School of Architecture and Urban Planning, Eastriver University (fictional), China"],
    abstract=(
        "Studies of Chinese city-regions have mostly followed the state rescaling approach. This paper asks "
        "what assemblage thinking can add. Examining the coordinated development of Beijing-Tianjin-Hebei, we "
        "show that the city-region is assembled from plans, relocated functions, transport links and "
        "statistical targets, and that the central state is the main assembler. We argue that assemblage and "
        "rescaling can be combined when assemblage is used methodologically rather than ontologically."),
    keywords=["assemblage", "city-region", "Beijing-Tianjin-Hebei", "state rescaling", "regional coordinated development"],
    sections=[
        ("Introduction", [
            "The coordinated development of Beijing-Tianjin-Hebei became a national strategy in 2014. For many "
            "observers it is the clearest example of state-orchestrated city regionalism (Wu 2016; Li and Wu "
            "2018). Our own earlier work on the Yangtze River Delta (Chen and Li 2014) adopted this reading. Yet "
            "the rescaling approach tends to treat the city-region as an outcome of a single state strategy.",
            "Assemblage thinking offers another entry point (McFarlane 2011; Allen and Cochrane 2010). We draw on "
            "it cautiously, aware of the critique that assemblage urbanism evades political economy (Brenner et "
            "al. 2011; Hartwell and Feld 2013)."]),
        ("Assemblage as method", [
            "Following DeLanda (2006), an assemblage is a whole whose properties emerge from the interactions "
            "between its parts. Lindqvist (2012) showed how a Nordic city-region is held together by a transport "
            "compact and a statistic. Jonas (2012) reminds us, however, that city-regionalism always raises "
            "questions of distribution and politics. We therefore treat assemblage as a method for tracing the "
            "elements of a city-region, not as a claim that the region is flat.",
            "This allows us to keep the state in view. The central state is not one element among others; it is "
            "the actor that selects, combines and stabilises elements."]),
        ("Assembling Beijing-Tianjin-Hebei", [
            "Four elements stand out: the regional plan, the relocation of non-capital functions from Beijing, "
            "intercity railways, and binding targets for air quality. Each was assembled by different ministries. "
            "An official described the process as “putting pieces on a chessboard that only the centre can see” "
            "(Interview, planning official, 2019). Local governments in Hebei competed to receive relocated "
            "functions, repeating the entrepreneurial pattern observed elsewhere (Liu and Moreno 2018).",
            "The city-region thus appears as an assemblage orchestrated from above. It is fragile where elements "
            "depend on local fiscal capacity and durable where the centre has invested political authority."]),
        ("Conclusion", [
            "Assemblage and rescaling need not be opposed. Used as a method, assemblage reveals how state "
            "rescaling is accomplished piece by piece; rescaling theory explains why these pieces are selected."]),
    ],
    cites=["wu2016", "liwu2018", "chen2014", "mcfarlane2011", "allen2010", "brenner2011", "hartwell2013",
           "delanda2006", "lindqvist2012", "jonas2012", "liu2018"],
),
dict(
    key="moreno2022", slug="synthetic-09-moreno-zhang-2022-zoning-technologies",
    style="apa", columns=1, received="Received 6 May 2021; accepted 22 November 2021",
    authors=[("Rachel Moreno", [0]), ("Jing Zhang", [1])],
    affiliations=["Department of Geography, Pacific Crest University (fictional), United States",
                  "College of Geography and Planning, Southhill University (fictional), China"],
    abstract=(
        "National New Areas have multiplied since 2014. This paper reads them as zoning technologies that "
        "produce variegated sovereignty within the national territory. Combining the literature on spaces of "
        "exception with recent assemblage-inspired work on Chinese city-regions, we show that new areas "
        "function as territorial experiments whose rules are assembled from several scales of the state."),
    keywords=["zoning technologies", "National New Areas", "variegated sovereignty", "territorial experiments",
              "assemblage"],
    sections=[
        ("Introduction", [
            "Zones are among the oldest instruments of state spatial policy, yet their meaning keeps changing. "
            "Ong (2006) described zoning technologies as a way for states to govern populations differently, "
            "producing graduated sovereignty; we speak of variegated sovereignty to stress territorial variety. In China, the State Council (2014) presented new areas as tools "
            "for optimising the spatial pattern of urbanisation. Zhang et al. (2016) counted 18 National New "
            "Areas by mid-2016, and Xiong’an in Hebei followed in 2017.",
            "Recent work has begun to read Chinese city-regions through assemblage. Li, Chen, and Wu (2020) "
            "argue that the city-region is assembled by the central state from plans, relocated functions and "
            "targets. We build on this argument to examine new areas as territorial experiments."]),
        ("Zoning technologies and the rescaled state", [
            "For Wu (2016), city-region governance represents a new form of state spatial selectivity. Wu (2018) "
            "adds that the Chinese state governs through planning centrality and market instruments. New areas "
            "combine both: they are selected by the centre and financed through land-based borrowing. Drawing "
            "on Brenner (2004), we interpret them as new state spaces in which particular territories are "
            "privileged as sites of accumulation and experimentation.",
            "Yet new areas are not simply scaled-up development zones. Their rules are assembled from national "
            "policy pilots, provincial regulations and municipal practices. In this respect, the assemblage "
            "perspective of Li et al. (2020) captures something that the language of levels does not."]),
        ("Territorial experiments", [
            "We distinguish three kinds of experiment: institutional experiments in administrative integration, "
            "fiscal experiments in land finance, and ecological experiments in urban design. Each depends on "
            "exceptions granted from above. Officials described the new area as a place where rules could be "
            "tried out before being extended to the nation.",
            "This experimental logic also carries risks. Several new areas accumulated debt without attracting "
            "the investment they were designed for, and their management committees competed with existing "
            "district governments for authority."]),
        ("Conclusion", [
            "National New Areas show that zoning technologies have been rescaled from enclaves to territories. "
            "Reading them as assemblages orchestrated by the state helps explain both their variety and their "
            "common dependence on central authority."]),
    ],
    cites=["ong2006", "statecouncil2014", "zhang2016", "li2020", "wu2016", "wu2018", "brenner2004"],
),
dict(
    key="lindqvist2024", slug="synthetic-10-lindqvist-okafor-2024-rescaling-after-assemblage",
    style="apa", columns=2, received="Received 9 February 2023; accepted 15 October 2023",
    authors=[("Sofia Lindqvist", [0]), ("Daniel Okafor", [1])],
    affiliations=["Department of Human Geography, Baltic Coast University (fictional), Sweden",
                  "Department of Urban Planning, Lakeshore Institute of Technology (fictional), Canada"],
    abstract=(
        "Two decades of research on city-regions have been shaped by a dialogue, and at times a quarrel, "
        "between political-economy accounts of state rescaling and assemblage or topological readings of "
        "regions. This review takes stock of that dialogue. We trace how the debate moved from Western "
        "metropolitan regions to Chinese city-regions and National New Areas, and how assemblage entered "
        "China-focused regional studies after about 2018."),
    keywords=["state rescaling", "assemblage", "city regionalism", "National New Areas", "review"],
    sections=[
        ("1. Introduction", [
            "The rescaling literature of the 2000s (Brenner, 2004; Jessop, 2002) gave regional studies a powerful "
            "vocabulary: new state spaces, state spatial selectivity, scalar fixes. Its applications ranged from "
            "entrepreneurial cities (Hartwell, 2008) to competitive city-regionalism (Okafor & Hartwell, 2010). "
            "From around 2010, assemblage and topological readings offered an alternative (Allen & Cochrane, "
            "2007, 2010; McFarlane, 2011; Lindqvist, 2012), provoking a sharp response (Brenner et al., 2011; "
            "Hartwell & Feld, 2013)."]),
        ("2. The Chinese turn", [
            "Research on China shifted the centre of the debate. Early work examined administrative restructuring "
            "(Y. Li & Wu, 2012; Ma, 2005) and city repositioning (Xu & Yeh, 2005). Wu (2016) then proposed that "
            "China's emergent city-region governance is a new form of state spatial selectivity through "
            "state-orchestrated rescaling, a reading elaborated for the Yangtze River Delta (Chen & Li, 2014; "
            "Y. Li & Wu, 2018) and extended to National New Areas (Moreno & Zhang, 2022; Zhang et al., 2016).",
            "After about 2018, assemblage entered this literature. X. Li et al. (2020) used it to trace how "
            "Beijing-Tianjin-Hebei was put together by the central state, and Moreno and Zhang (2022) read new "
            "areas as assemblages of rules from several scales. These studies use assemblage as a method rather "
            "than as an ontology, which defuses part of the earlier quarrel."]),
        ("3. Entrepreneurial states and their zones", [
            "A second line of work followed the concept of urban entrepreneurialism (Harvey, 1989) into China. "
            "Wu (2018) argues that Chinese urban transformation is governed through planning centrality and "
            "market instruments, a configuration he calls state entrepreneurialism. Liu and Moreno (2018) carried "
            "the notion to the city-region scale, showing how cross-boundary projects in the Pearl River Delta "
            "were planned from above and financed through local government financing vehicles.",
            "The zone is the spatial form in which this entrepreneurial state appears most clearly. The National "
            "New-type Urbanization Plan assigned new areas a role in optimising the spatial pattern of "
            "urbanisation (State Council, 2014), and the number of National New Areas grew quickly after 2014. "
            "Following Ong (2006), several authors treat these zones as technologies of graduated sovereignty; "
            "others stress their experimental character (Moreno & Zhang, 2022). Either way, zones have moved from "
            "the margins of the debate on state rescaling to its centre."]),
        ("4. What remains contested", [
            "Three questions remain open. First, whether scale remains a necessary category or one dimension "
            "among several (Jessop et al., 2008; Marston et al., 2005). Second, whether city-regionalism from "
            "above leaves room for bottom-up inter-city cooperation (Jonas, 2012). Third, how to explain the "
            "durability of regional assemblages without returning to a structuralist account of the state "
            "(see Jessop, 2002; cf. Peck, 2002).",
            "We suggest that the most productive recent work combines a political economy of state strategy "
            "with an attention to how territories are assembled. Rather than choosing between rescaling and "
            "assemblage, it asks how the state assembles scales."]),
        ("5. Conclusion", [
            "The debate has moved from opposition to a cautious synthesis. Its next test will be whether this "
            "synthesis can explain the uneven outcomes of state-led regional projects."]),
    ],
    cites=["brenner2004", "jessop2002", "hartwell2008", "okafor2010", "allen2007", "allen2010", "mcfarlane2011",
           "lindqvist2012", "brenner2011", "hartwell2013", "liwu2012", "ma2005", "xu2005", "wu2016", "chen2014",
           "liwu2018", "moreno2022", "zhang2016", "li2020", "jessop2008", "marston2005", "jonas2012", "peck2002",
           "harvey1989", "wu2018", "liu2018", "statecouncil2014", "ong2006"],
),
]

#: The plain-text (Markdown) paper: shows the demo that non-PDF input works.
MARKDOWN_PAPER: Paper = dict(
    key="ribeiro2019", slug="synthetic-11-ribeiro-2019-greater-bay-area", style="harvard",
    authors=[("Ana Ribeiro", [0])],
    affiliations=["Institute of Metropolitan Studies, Atlantic Shore University (fictional), Portugal"],
    abstract=(
        "The Greater Bay Area plan of 2019 promises to integrate nine cities of Guangdong with Hong Kong and "
        "Macao. This working paper reads the plan through the politics of scale and asks how a city-region "
        "that spans different legal systems is governed."),
    keywords=["Greater Bay Area", "politics of scale", "metropolitan governance", "city-region"],
    sections=[
        ("Introduction", [
            "Scale is a political achievement (Smith 1992; Marston 2000). The Greater Bay Area makes this plain: "
            "it joins cities under different legal and fiscal regimes into one planned city-region. Swyngedouw "
            "(1997) anticipated such arrangements when he described the simultaneous upward and downward "
            "movement of regulation.",
            "Drawing on Wu (2016) and Li and Wu (2018), I read the Greater Bay Area as a case of "
            "state-orchestrated city regionalism, but one in which orchestration has to work across borders."]),
        ("Scalar politics across borders", [
            "Brenner (1999) showed that the re-scaling of urban governance in Europe reterritorialised the state "
            "rather than dissolving it. In the Greater Bay Area, the central state uses planning, infrastructure "
            "and special policies to reterritorialise its authority over Hong Kong and Macao. Cities in the "
            "Pearl River Delta compete to host the new functions (Liu and Moreno 2018), while the institutions "
            "of the capitalist state adapt to a new regulatory scale (Jessop 2002)."]),
        ("Conclusion", [
            "The Greater Bay Area is an experiment in scalar politics. It shows that state-orchestrated city "
            "regionalism can extend across legal systems, but also that such orchestration meets limits where "
            "local institutions retain their own sources of legitimacy."]),
    ],
    cites=["smith1992", "marston2000", "swyngedouw1997", "wu2016", "liwu2018", "brenner1999", "liu2018",
           "jessop2002"],
)
