#!/usr/bin/env python3
"""gen.py [--text] N [SEED] — a deterministic synthetic programme of N
sessions on stdout, for `make bench`.

With --text, the same programme's text for bench/floor.c instead: one
paragraph a line, a style letter first (N new page, T title, M meta line,
S speaker name, D speaker detail, H heading, P paragraph).  floor.c sets
exactly these strings, so livret and the floor typeset the same words.

Multilingual prose (French, Spanish, English sessions in turn, accented
words included), two to four speakers per session, eight tracks, ten
parallel rooms, as many days as needed for ~60 sessions a day.  The text is
drawn from small word lists with a fixed seed (default 6), so a size always
gives the same bytes: timings of different runs compare the same work.
Summaries are two or three paragraphs of 90-160 words (longer than
FOSDEM's ~110-word average, so that 1,000 sessions make about 2,000 A5
pages, the size the targets name); one session in two has a titled
section with items.
"""
import datetime
import random
import sys

WORDS = {
    "fr": """la session abordera réflexion sur les éléments susceptibles de
    promouvoir innovation et relance économique en tant qu application des
    connaissances évaluation des soins amélioration qualité de vie personnes
    pour favoriser résilience cohésion même à partir crise sanitaire actuelle
    capacité territoire convertir expériences communautés innovation sociale
    environnementale transfert valorisation ressources endogènes collaboration
    entre acteurs génération stratégies systèmes spécialisation intelligents
    sont variables fondamentales développement gouvernements locaux régionaux
    publics qui encouragent accompagnent changement paradigme concept
    territorial reprise toutes dimensions cours points vue visions dirigeants
    différentes régions contextes montrant inspiration mondial leurs""",
    "es": """la sesión abordará reflexión sobre los elementos capaces de
    promover innovación y reactivación económica como aplicación del
    conocimiento evaluación cuidados mejora calidad vida personas para
    favorecer resiliencia cohesión incluso desde crisis sanitaria actual
    capacidad territorio convertir experiencias comunidades innovación
    social ambiental transferencia valorización recursos endógenos
    colaboración entre actores generación estrategias sistemas
    especialización inteligentes son variables fundamentales desarrollo
    gobiernos locales regionales públicos que impulsan acompañan cambio
    paradigma concepto territorial recuperación todas dimensiones durante
    puntos vista visiones dirigentes distintas regiones contextos""",
    "en": """the session will address reflection on the elements able to
    promote innovation and economic recovery as an application of knowledge
    evaluation of care improvement quality life people to foster resilience
    cohesion even from the current health crisis capacity territory convert
    experiences communities social environmental innovation transfer
    valorisation endogenous resources collaboration between actors
    generation strategies systems smart specialisation are fundamental
    variables development local regional governments public who encourage
    support paradigm shift concept territorial recovery all dimensions
    during viewpoints visions leaders different regions contexts showing
    inspiration worldwide their""",
}
FIRST = ["Ana", "José", "Zoë", "François", "Iñaki", "Chloé", "Björn", "Łucja",
         "María", "Noël", "Renée", "Søren", "Ángel", "Hélène", "Joaquín",
         "Émilie", "Nuño", "Grace", "Olúwaseun", "Ælfwine"]
LAST = ["López", "Dupré", "Müller", "Núñez", "O'Brien", "Côté", "Ibáñez",
        "Lefèvre", "García", "Øster", "Martínez", "Béranger", "Schäfer",
        "Peña", "Kowalczyk", "Thérien", "Ruiz", "Moreau", "Fernández", "Smith"]
ORGS = ["Université de Lyon", "Universidad de Sevilla", "CGLU",
        "Ayuntamiento de Bogotá", "Région Île-de-France", "Open Source Lab",
        "Fundación Ñandú", "Ville de Montréal", "Red de Ciudades", "ACME Ltd."]
ROLES = ["Modératrice", "Moderador", "Chair", "Ponente", "Intervenant",
         "Speaker", "Discutant", "Rapporteur"]
LANGS = ["fr", "es", "en"]


def q(s):
    """A double-quoted YAML scalar (always quoted: no YAML 1.1 surprises)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sentence(rnd, words, n):
    w = [rnd.choice(words) for _ in range(n)]
    w[0] = w[0].capitalize()
    return " ".join(w) + "."


def paragraph(rnd, words, nwords):
    out, left = [], nwords
    while left > 0:
        k = min(left, rnd.randint(8, 22))
        out.append(sentence(rnd, words, k))
        left -= k
    return " ".join(out)


def programme(n, rnd):
    """The programme as plain records (dicts), in file order."""
    words = {k: v.split() for k, v in WORDS.items()}
    per_day = 60
    ndays = max(1, (n + per_day - 1) // per_day)
    d0 = datetime.date(2025, 3, 3)
    days = [d0 + datetime.timedelta(days=i) for i in range(ndays)]
    tracks = [sentence(rnd, words[LANGS[t % 3]], 3)[:-1] for t in range(8)]
    sessions = []
    for i in range(n):
        lang = LANGS[i % 3]
        wl = words[lang]
        start = 9 * 60 + ((i % per_day) // 10) * 75
        s = {
            "id": "s%05d" % i, "lang": lang, "track": rnd.randrange(8),
            "title": sentence(rnd, wl, rnd.randint(4, 12))[:-1],
            "date": days[i // per_day], "start": start, "end": start + 60,
            "venue": "Salle %d — Bâtiment %s" % (i % 10 + 1, "ABC"[i % 3]),
            "speakers": [(rnd.choice(FIRST) + " " + rnd.choice(LAST),
                          rnd.choice(ORGS), rnd.choice(ROLES))
                         for _ in range(rnd.randint(2, 4))],
            "paras": [paragraph(rnd, wl, rnd.randint(90, 160))
                      for _ in range(rnd.randint(2, 3))],
            "section": None,
        }
        if i % 2 == 0:
            s["section"] = (sentence(rnd, wl, 3)[:-1],
                            [sentence(rnd, wl, rnd.randint(5, 14))
                             for _ in range(rnd.randint(2, 4))])
        sessions.append(s)
    return days, tracks, sessions


def hm(m):
    return "%02d:%02d" % (m // 60, m % 60)


def write_yaml(n, days, tracks, sessions, w):
    w("# Synthetic programme from bench/gen.py %d (do not edit)\n" % n)
    w("programme:\n  title: %s\n" % q("Rencontres · Encuentros · Meetings %d" % n))
    w("  subtitle: %s\n" % q("Programme synthétique — benchmark"))
    w("  organizer: %s\n  language: en\n" % q("Fédération des Villes"))
    w("  dates: {from: %s, to: %s}\n" % (days[0], days[-1]))
    w("tracks:\n")
    for t, title in enumerate(tracks):
        w("  - {id: t%d, title: %s, color: \"#%02X%02X%02X\"}\n"
          % (t, q(title), 40 + 25 * t, 160 - 15 * t, 90 + 10 * t))
    w("sessions:\n")
    for s in sessions:
        w("  - id: %s\n    title: %s\n" % (s["id"], q(s["title"])))
        w("    language: %s\n    track: t%d\n" % (s["lang"], s["track"]))
        w("    date: %s\n" % s["date"])
        w("    start: \"%s\"\n    end: \"%s\"\n" % (hm(s["start"]), hm(s["end"])))
        w("    venue: %s\n    speakers:\n" % q(s["venue"]))
        for name, org, role in s["speakers"]:
            w("      - {name: %s, affiliation: %s, role: %s}\n"
              % (q(name), q(org), q(role)))
        w("    summary: |-\n")
        w("\n\n".join("      " + p for p in s["paras"]) + "\n")
        if s["section"]:
            title, items = s["section"]
            w("    sections:\n      - title: %s\n        items:\n" % q(title))
            for it in items:
                w("          - %s\n" % q(it))


def write_text(tracks, sessions, w):
    for s in sessions:
        w("N\nT %s\n" % s["title"])
        w("M %s–%s  %s\n" % (hm(s["start"]), hm(s["end"]), s["venue"]))
        w("M %s\n" % tracks[s["track"]])
        for p in s["paras"]:
            w("P %s\n" % p)
        if s["section"]:
            title, items = s["section"]
            w("H %s\n" % title)
            for it in items:
                w("P %s\n" % it)
        for name, org, role in s["speakers"]:
            w("S %s\nD %s, %s\n" % (name, role, org))


def main():
    args = sys.argv[1:]
    text = bool(args) and args[0] == "--text"
    if text:
        args = args[1:]
    n = int(args[0])
    rnd = random.Random(int(args[1]) if len(args) > 1 else 6)
    days, tracks, sessions = programme(n, rnd)
    if text:
        write_text(tracks, sessions, sys.stdout.write)
    else:
        write_yaml(n, days, tracks, sessions, sys.stdout.write)


if __name__ == "__main__":
    main()
