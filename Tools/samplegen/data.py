"""Word lists for the fictional CV generator.

Every person, employer, street combination and number produced from these
lists is invented.  Names are combined at random; they do not describe real
people.  Only characters from the Latin-1/WinAnsi range are used so that the
standard PDF fonts can render them.
"""

NL_FIRST_M = ["Jan", "Pieter", "Daan", "Bram", "Sander", "Thijs", "Joost", "Ruben",
              "Koen", "Wouter", "Maarten", "Sjoerd", "Jeroen", "Niels", "Bas", "Lars",
              "Stijn", "Teun", "Gijs", "Rik", "Hendrik", "Jelle", "Wessel", "René",
              "Joël", "Noël", "Jan-Willem", "Siebe"]
NL_FIRST_F = ["Anna", "Sanne", "Femke", "Lotte", "Eva", "Marieke", "Inge", "Anouk",
              "Lieke", "Fleur", "Noor", "Iris", "Esmée", "Zoë", "Chloë", "Renée",
              "Mariëlle", "Ellen", "Petra", "Ingrid", "Janneke", "Floor", "Saskia",
              "Anne-Marie", "Loïs"]
INT_FIRST_M = ["Mohamed", "Yusuf", "Mehmet", "Ahmed", "Kwame", "Wei", "Rahul", "João",
               "Björn", "Jürgen", "Luca", "Mateo", "Piotr", "Tomás"]
INT_FIRST_F = ["Fatima", "Yasmina", "Ayla", "Priya", "Mei", "Sofía", "Agnieszka",
               "Amira", "Leyla", "Chiara", "Inês", "Zeynep"]
EN_FIRST_M = ["Oliver", "James", "Thomas", "Harry", "George", "William", "Jack",
              "Daniel", "Ethan", "Michael", "Ryan", "Samuel"]
EN_FIRST_F = ["Emily", "Sophie", "Charlotte", "Olivia", "Amelia", "Grace", "Hannah",
              "Megan", "Jessica", "Lauren", "Chloe", "Rebecca"]

# (tussenvoegsel, core surname); tussenvoegsel may be "".
NL_SURNAMES = [("de", "Vries"), ("de", "Jong"), ("van", "Dijk"), ("van der", "Meer"),
               ("van den", "Berg"), ("van der", "Linden"), ("ten", "Brink"),
               ("ter", "Horst"), ("van 't", "Hof"), ("in 't", "Veld"), ("van", "Leeuwen"),
               ("de", "Boer"), ("van den", "Heuvel"), ("van der", "Velde"), ("ter", "Haar"),
               ("ten", "Cate"), ("de", "Groot"), ("van", "Beek"),
               ("", "Jansen"), ("", "Bakker"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
               ("", "Mulder"), ("", "Bos"), ("", "Vos"), ("", "Peters"), ("", "Hendriks"),
               ("", "Dekker"), ("", "Brouwer"), ("", "Dijkstra"), ("", "Koster"),
               ("", "Verhoeven"), ("", "Kuipers"), ("", "Willems"), ("", "Hoekstra"),
               ("", "Postma"), ("", "Schouten"), ("", "Prins"), ("", "Huisman"),
               ("", "Gerritsen"), ("", "Scholten"), ("", "Zwart"), ("", "Hüsken"),
               ("", "Ruël"), ("", "Hoëlen")]
INT_SURNAMES = [("", "Müller"), ("", "Schröder"), ("", "Özdemir"), ("", "Öztürk"),
                ("", "Bilgiç"), ("", "García"), ("", "Pereira"), ("", "Rossi"),
                ("", "Mensah"), ("", "Chen"), ("", "Sharma"), ("", "Nowak"),
                ("", "El Amrani"), ("", "Bouzid"), ("", "Kaya"), ("", "Yilmaz")]
EN_SURNAMES = ["Bennett", "Clarke", "Hughes", "Walker", "Turner", "Harris", "Mitchell",
               "Cooper", "Ward", "Morgan", "Parker", "Evans", "Collins", "Wright",
               "Foster", "Sullivan", "Brooks", "Hayes", "Reynolds", "Fletcher"]

EMAIL_DOMAINS = ["voorbeeldmail.nl", "postvak.nl", "example.com", "mailbox.test",
                 "inbox.test", "webpost.example"]

# city: (postcode range low, high, area code, province-ish)
NL_CITIES = {
    "Amsterdam": (1011, 1109, "020"), "Rotterdam": (3011, 3089, "010"),
    "Den Haag": (2491, 2599, "070"), "Utrecht": (3511, 3585, "030"),
    "Haarlem": (2011, 2037, "023"), "Groningen": (9711, 9747, "050"),
    "Tilburg": (5011, 5049, "013"), "Eindhoven": (5611, 5658, "040"),
    "'s-Hertogenbosch": (5211, 5249, "073"), "Leeuwarden": (8911, 8941, "058"),
    "Amersfoort": (3811, 3829, "033"), "Deventer": (7411, 7431, "0570"),
    "Zwolle": (8011, 8043, "038"), "Leiden": (2311, 2334, "071"),
    "Nijmegen": (6511, 6546, "024"), "Arnhem": (6811, 6846, "026"),
    "Maastricht": (6211, 6229, "043"), "Breda": (4811, 4839, "076"),
    "Delft": (2611, 2629, "015"), "Alkmaar": (1811, 1827, "072"),
    "Enschede": (7511, 7548, "053"), "Apeldoorn": (7311, 7337, "055"),
    "Heemskerk": (1961, 1969, "0251"), "Beverwijk": (1941, 1948, "0251"),
}
BIRTH_PLACES_NL = ["Amsterdam", "Rotterdam", "Utrecht", "Zwolle", "Haarlem", "Groningen",
                   "Tilburg", "Eindhoven", "'s-Hertogenbosch", "Den Haag", "Leeuwarden",
                   "Amersfoort", "Deventer", "Hoorn", "Emmen", "Assen", "Sneek", "Gouda",
                   "Kampen", "Venlo", "Roermond", "Middelburg", "Paramaribo", "Istanbul"]
STREETS_NL = ["Dorpsstraat", "Kerkstraat", "Stationsweg", "Molenweg", "Julianalaan",
              "Beatrixlaan", "Marktplein", "Oudegracht", "Wilhelminakade",
              "Prinsessesingel", "Zuiderdijk", "Burgemeester de Withstraat", "Van Goghlaan",
              "Rembrandtplein", "Lindenlaan", "Eikenlaan", "Beukenstraat", "Tulpstraat",
              "Schoolstraat", "Havenkade", "Noordersingel", "Parkweg", "Vondelstraat",
              "Hoofdstraat", "Nieuwe Binnenweg", "Lange Nieuwstraat", "Kastanjelaan",
              "Populierendijk", "Spoorsingel", "Bloemgracht"]
EN_STREETS = ["Station Road", "Church Lane", "Victoria Street", "Oxford Road", "Mill Lane",
              "Park Avenue", "High Street", "Queen's Road", "Elm Grove", "Kings Road"]
EN_CITIES = {"London": ["N1 7AB", "SE15 4QT", "E8 3PL"], "Manchester": ["M14 5RT", "M20 2QD"],
             "Leeds": ["LS6 2BN"], "Bristol": ["BS7 8EU"], "York": ["YO10 3HF"],
             "Brighton": ["BN2 9QA"]}
EN_BIRTH_PLACES = ["London", "Manchester", "Leeds", "Bristol", "Norwich", "Cardiff",
                   "Glasgow", "Sheffield"]
US_CITIES = [("Springfield", "IL", "62704"), ("Madison", "WI", "53703"),
             ("Portland", "OR", "97205"), ("Austin", "TX", "78701"),
             ("Columbus", "OH", "43215")]
US_STREETS = ["Maple Avenue", "Oak Street", "Lakeview Drive", "Pine Street",
              "Cedar Lane", "Sunset Boulevard", "Washington Avenue"]

NL_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]
NL_MONTHS_ABBR = ["jan.", "feb.", "mrt", "apr.", "mei", "jun.", "jul.", "aug.", "sep.",
                  "okt.", "nov.", "dec."]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
EN_MONTHS_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                  "Nov", "Dec"]

# Career material: sector -> titles, employers (all invented), skills
SECTORS_NL = {
    "logistiek": {
        "titles": ["Logistiek medewerker", "Orderpicker", "Teamleider magazijn",
                   "Planner transport", "Heftruckchauffeur", "Coördinator expeditie"],
        "employers": ["Transportbedrijf Noord B.V.", "Distributiecentrum De Poort",
                      "Opslag & Overslag Kampen B.V.", "Vrachtlijn Oost B.V.",
                      "Magazijnservice Hendriks"],
        "skills": ["Heftruck", "SAP", "Voorraadbeheer", "Planning", "Reachtruck", "WMS"],
        "degrees": ["MBO 4 Logistiek", "MBO 3 Logistiek medewerker",
                    "HBO Bachelor Logistics Management"],
        "field": "de logistiek"},
    "zorg": {
        "titles": ["Verpleegkundige", "Verzorgende IG", "Teamleider zorg",
                   "Praktijkondersteuner", "Begeleider gehandicaptenzorg"],
        "employers": ["Zorggroep De Linde", "Thuiszorg Rivierenland", "Zorgcentrum Het Anker",
                      "Stichting Welzijn Oost", "Gezondheidscentrum De Brug"],
        "skills": ["Medicatieverstrekking", "Rapporteren", "ONS Nedap", "Wondzorg",
                   "Signaleren"],
        "degrees": ["MBO 4 Verpleegkunde", "HBO Bachelor Verpleegkunde",
                    "MBO 3 Verzorgende IG"],
        "field": "de zorg"},
    "ict": {
        "titles": ["Software developer", "Systeembeheerder", "Servicedesk medewerker",
                   "Data-analist", "Functioneel beheerder"],
        "employers": ["Digitaal Bureau Wolters B.V.", "Netwerkdiensten Zuid B.V.",
                      "Softwarehuis Kade 12", "IT-Partners Midden", "Datastroom B.V."],
        "skills": ["Python", "SQL", "Azure", "Linux", "Scrum", "Git", "PowerShell"],
        "degrees": ["HBO Bachelor HBO-ICT", "MBO 4 ICT-beheer", "WO Master Informatica",
                    "WO Bachelor Informatiekunde"],
        "field": "de ICT"},
    "administratie": {
        "titles": ["Administratief medewerker", "Boekhouder", "Office manager",
                   "Salarisadministrateur", "Medewerker crediteuren"],
        "employers": ["Administratiekantoor Visser & Co", "Accountancy Plus B.V.",
                      "Gemeentelijke Dienstverlening Regio", "Bouwbedrijf Kuipers B.V.",
                      "Woningstichting Eigen Haard Noord"],
        "skills": ["Exact Online", "Excel", "AFAS", "Debiteurenbeheer", "Notuleren"],
        "degrees": ["MBO 4 Financieel administratief medewerker",
                    "HBO Bachelor Bedrijfskunde", "HBO Bachelor Accountancy",
                    "WO Master Rechten"],
        "field": "de financiële administratie"},
    "techniek": {
        "titles": ["Monteur elektrotechniek", "Werkvoorbereider", "Servicemonteur",
                   "Onderhoudstechnicus", "Projectleider installatietechniek"],
        "employers": ["Technisch Bureau Hendriks B.V.", "Installatiebedrijf De Vonk",
                      "Machinebouw Twente B.V.", "Elektro Service Noord",
                      "Onderhoudsgroep Delta B.V."],
        "skills": ["PLC", "AutoCAD", "NEN 3140", "Storingsanalyse", "Pneumatiek"],
        "degrees": ["MBO 4 Elektrotechniek", "HBO Bachelor Werktuigbouwkunde",
                    "MBO 3 Eerste monteur"],
        "field": "de techniek"},
}
SECTORS_EN = {
    "software": {
        "titles": ["Software Engineer", "Senior Developer", "DevOps Engineer",
                   "Technical Lead", "QA Engineer", "Data Engineer"],
        "employers": ["Brightline Software Ltd", "Northgate Digital Ltd",
                      "Copperfield Systems", "Harbour Analytics Inc.", "Bluefen Labs"],
        "skills": ["Python", "Kubernetes", "TypeScript", "PostgreSQL", "AWS", "CI/CD",
                   "Go", "Terraform"],
        "degrees": ["BSc Computer Science", "MSc Software Engineering",
                    "BEng Electronic Engineering"],
        "field": "software development"},
    "marketing": {
        "titles": ["Marketing Coordinator", "Content Manager", "Brand Manager",
                   "Digital Marketing Executive", "Communications Officer"],
        "employers": ["Riverside Media Ltd", "Oakfield Retail Group", "Pennant Communications",
                      "Greenway Consumer Brands", "Lumen Agency"],
        "skills": ["SEO", "Google Analytics", "Copywriting", "HubSpot", "Social media",
                   "Adobe InDesign"],
        "degrees": ["BA Marketing", "BA English Literature", "MSc Marketing Management"],
        "field": "marketing and communications"},
    "finance": {
        "titles": ["Financial Analyst", "Accounts Assistant", "Management Accountant",
                   "Finance Manager", "Payroll Officer"],
        "employers": ["Kestrel Capital Partners", "Ashdown Accounting Ltd",
                      "Millbrook Housing Trust", "Sterling & Vale LLP", "Northshore Logistics Ltd"],
        "skills": ["Excel", "SAP", "Financial modelling", "IFRS", "Power BI", "Sage"],
        "degrees": ["BSc Economics", "BSc Accounting and Finance", "MSc Finance"],
        "field": "finance"},
}
INSTITUTIONS_NL = {
    "MBO": ["ROC Midden Nederland", "ROC van Amsterdam", "Deltion College",
            "ROC Friese Poort", "Summa College", "Albeda"],
    "HBO": ["Hogeschool van Amsterdam", "Hogeschool Utrecht", "Hanzehogeschool Groningen",
            "Fontys Hogescholen", "Saxion", "Windesheim"],
    "WO": ["Rijksuniversiteit Groningen", "Universiteit Utrecht", "Universiteit Leiden",
           "Radboud Universiteit", "Tilburg University", "Universiteit van Amsterdam"],
}
INSTITUTIONS_EN = ["University of Manchester", "University of Leeds", "University of Bristol",
                   "King's College London", "University of York", "Open University"]
SCHOOLS_NL = [("VWO", ["Stedelijk Gymnasium", "Christelijk Lyceum Zeist"]),
              ("HAVO", ["Het Baken College", "Scholengemeenschap De Breul"]),
              ("VMBO-kader", ["Vakcollege Noord", "Clusius College"])]

CERTS_NL = ["VCA", "VCA-VOL", "BHV", "Rijbewijs B", "Rijbewijs C", "Heftruckcertificaat",
            "Prince2 Foundation", "ITIL 4 Foundation", "EHBO", "Scrum Master (PSM I)",
            "Microsoft Excel gevorderd"]
CERTS_EN = ["PRINCE2 Foundation", "ITIL 4 Foundation", "AWS Certified Developer",
            "CIMA Certificate", "Google Analytics Certification", "First Aid at Work",
            "Full UK driving licence"]
LANG_LEVELS_NL = [("Engels", ["vloeiend", "goed", "redelijk", "B2", "C1"]),
                  ("Duits", ["B1", "redelijk", "basis", "A2"]),
                  ("Frans", ["basis", "redelijk", "A2"]),
                  ("Spaans", ["A2", "basis"]),
                  ("Turks", ["moedertaal", "goed"]),
                  ("Arabisch", ["goed", "redelijk"])]
LANG_LEVELS_EN = [("French", ["C1", "B2", "conversational"]),
                  ("German", ["B1", "basic", "intermediate"]),
                  ("Spanish", ["B2", "intermediate"]),
                  ("Dutch", ["fluent", "B2", "basic"])]
HOBBIES_NL = ["Hardlopen", "Voetbal", "Koken", "Lezen", "Fotografie", "Wielrennen",
              "Vrijwilligerswerk bij de voedselbank", "Gitaar spelen", "Tuinieren"]
HOBBIES_EN = ["Running", "Photography", "Cooking", "Chess", "Hiking", "Reading",
              "Volunteering at a food bank", "Cycling"]
RECRUITERS = ["Petra Smit", "Mark Hoekstra", "Linda de Wit", "Erik van Dam",
              "Sophie Clarke", "Tom Verbeek"]
BULLETS_NL = ["Verantwoordelijk voor de dagelijkse planning",
              "Aansturen van een team van zes medewerkers",
              "Verbeteren van werkprocessen", "Contact met klanten en leveranciers",
              "Inwerken van nieuwe collega's", "Rapportages opstellen voor het management"]
BULLETS_EN = ["Led a team of five engineers on a customer-facing platform",
              "Reduced monthly reporting time by 30% through automation",
              "Coordinated releases with product and support teams",
              "Mentored junior colleagues and ran weekly knowledge sessions",
              "Owned the migration of legacy services to a new platform",
              "Prepared quarterly forecasts for the board",
              "Introduced code review guidelines adopted across the department",
              "Handled escalations from key accounts",
              "Built dashboards used by operations and finance",
              "Improved onboarding documentation for new starters"]
