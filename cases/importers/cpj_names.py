"""
How CPJ's export names countries, nationalities, charges and mediums, mapped
to the tracker's codes. Names django-countries knows are looked up there.
"""

# Names django-countries does not know, or knows under another country.
COUNTRY_ALIASES = {
    "yugoslavia": "YU",
    "serbia and montenegro": "CS",
    "zaire": "ZR",
    "soviet union": "SU",
    "ussr": "SU",
    "east germany": "DD",
    "western sahara": "EH",
    "swaziland": "SZ",
    "macedonia": "MK",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "côte d'ivoire": "CI",
    "bosnia-herzegovina": "BA",
    "bosnia": "BA",
    "republic of congo": "CG",
    "republic of the congo": "CG",
    "congo, republic of": "CG",
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "drc": "CD",
    # CPJ files Israel and the occupied territories together; the tracker keeps IL
    # (the detaining state) and the place says where.
    "israel and the occupied palestinian territory": "IL",
    "palestine": "PS",
    "palestinian territory": "PS",
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "burma": "MM",
    "the gambia": "GM",
    "russia": "RU",
    "syria": "SY",
    "iran": "IR",
    "turkey": "TR",
    "vietnam": "VN",
    "north korea": "KP",
    "south korea": "KR",
    "laos": "LA",
    "united kingdom": "GB",
    "uk": "GB",
    "czech republic": "CZ",
    "kyrgyzstan": "KG",
}

NATIONALITY_ADJECTIVES = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO",
    "argentine": "AR", "argentinian": "AR", "armenian": "AM", "australian": "AU", "austrian": "AT",
    "azerbaijani": "AZ", "azeri": "AZ", "bahraini": "BH", "bangladeshi": "BD", "belarusian": "BY",
    "belgian": "BE", "beninese": "BJ", "bosnian": "BA", "brazilian": "BR", "british": "GB",
    "bulgarian": "BG", "burmese": "MM", "burundian": "BI", "cambodian": "KH", "cameroonian": "CM",
    "canadian": "CA", "central african": "CF", "chadian": "TD", "chilean": "CL", "chinese": "CN",
    "colombian": "CO", "congolese": "CD", "croatian": "HR", "cuban": "CU", "czech": "CZ",
    "danish": "DK", "djiboutian": "DJ", "dutch": "NL", "ecuadorian": "EC", "egyptian": "EG",
    "emirati": "AE", "equatorial guinean": "GQ", "eritrean": "ER", "ethiopian": "ET", "filipino": "PH",
    "finnish": "FI", "french": "FR", "gabonese": "GA", "gambian": "GM", "georgian": "GE",
    "german": "DE", "ghanaian": "GH", "greek": "GR", "guatemalan": "GT", "guinean": "GN",
    "haitian": "HT", "honduran": "HN", "hungarian": "HU", "indian": "IN", "indonesian": "ID",
    "iranian": "IR", "iraqi": "IQ", "irish": "IE", "israeli": "IL", "italian": "IT",
    "ivorian": "CI", "japanese": "JP", "jordanian": "JO", "kazakh": "KZ", "kazakhstani": "KZ",
    "kenyan": "KE", "kuwaiti": "KW", "kyrgyz": "KG", "lebanese": "LB", "liberian": "LR",
    "libyan": "LY", "macedonian": "MK", "malaysian": "MY", "malian": "ML", "mauritanian": "MR",
    "mexican": "MX", "moldovan": "MD", "mongolian": "MN", "montenegrin": "ME", "moroccan": "MA",
    "mozambican": "MZ", "nepali": "NP", "nepalese": "NP", "nicaraguan": "NI", "nigerian": "NG",
    "nigerien": "NE", "north korean": "KP", "norwegian": "NO", "omani": "OM", "pakistani": "PK",
    "palestinian": "PS", "peruvian": "PE", "polish": "PL", "portuguese": "PT", "qatari": "QA",
    "romanian": "RO", "russian": "RU", "rwandan": "RW", "salvadoran": "SV", "saudi": "SA",
    "senegalese": "SN", "serbian": "RS", "sierra leonean": "SL", "singaporean": "SG", "slovak": "SK",
    "somali": "SO", "south african": "ZA", "south korean": "KR", "south sudanese": "SS", "spanish": "ES",
    "sri lankan": "LK", "sudanese": "SD", "swazi": "SZ", "swedish": "SE", "swiss": "CH",
    "syrian": "SY", "taiwanese": "TW", "tajik": "TJ", "tanzanian": "TZ", "thai": "TH",
    "togolese": "TG", "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "ugandan": "UG",
    "ukrainian": "UA", "uzbek": "UZ", "venezuelan": "VE", "vietnamese": "VN", "yemeni": "YE",
    "yugoslav": "YU", "zambian": "ZM", "zimbabwean": "ZW",
}  # fmt: skip

# CPJ's charge groups in every spelling the export uses, case-folded.
CHARGE_CATEGORIES = {
    "anti-state": "anti_state",
    "retaliatory": "retaliatory",
    "false news": "false_news",
    "defamation": "defamation",
    "ethnic/religious insult": "insult",
    "ethnic or religious insult": "insult",
    "religious or ethnic insult": "insult",
    "censorship violation": "censorship",
    "no charge disclosed": "none_disclosed",
    "no charge": "none_disclosed",
}

MEDIUMS = {
    "print": "print",
    "internet": "online",
    "online": "online",
    "television": "tv",
    "tv": "tv",
    "radio": "radio",
    "agency": "agency",
    "news agency": "agency",
}

ROLES = {"journalist": "journalist", "media worker": "media_worker", "media_worker": "media_worker", "": "journalist"}
GENDERS = {"male": "male", "female": "female", "": ""}
EMPLOYMENT = {"staff": "staff", "freelance": "freelance", "": ""}
# Organizations that say the person worked for no outlet.
NO_OUTLET = {"freelancer", "freelance", "independent", "none", ""}
