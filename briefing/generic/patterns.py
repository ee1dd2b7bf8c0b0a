"""Keyword lists and patterns for generic extraction, kept as data (one place to extend).

Every list is matched case-insensitively against a whole stripped line; a hit marks the line
as page furniture, never as article text.  Entries are in the languages of the dev sets plus
the common European ones; add words here rather than special cases in the rules.
"""

from __future__ import annotations

import re

# Whole-line labels of menus, share bars, comment prompts and "more on" lists.
NAV_LINE = re.compile(
    r"^(?:share|share this( article| story)?|teilen|artikel teilen|compartir|partager|condividi|"
    r"del|dela|jaa|udostępnij|поделиться|tweet|email|e-mail|print|drucken|imprimir|copy link|"
    r"link kopieren|facebook|twitter|x|whatsapp|linkedin|telegram|reddit|pinterest|flipboard|"
    r"messenger|comments?|kommentare?|comentarios?|commenti|commentaires?|advertisement|ad|"
    r"anzeige|werbung|publicidad|pubblicit[aà]|publicité|annonse|annons|mainos|reklama|"
    r"реклама|広告|sponsored|gesponsert|menu|menü|men[uú]|search|suche|buscar|cerca|"
    r"recherche|home|startseite|inicio|accueil|login|log in|sign in|anmelden|einloggen|"
    r"subscribe|abonnieren|abo|newsletter|read more|weiterlesen|mehr lesen|leer más|"
    r"leggi anche|lire aussi|lesen sie auch|related|related articles|related links|"
    r"mehr zum thema|more on this( story| topic)?|more from .{1,40}|most read|"
    r"meistgelesen|trending|top stories|latest news|next article|previous article|"
    r"zurück|back to top|nach oben|skip to (main )?content|zum inhalt springen|"
    r"listen|anhören|audio|video|photo|foto|bild|gallery|galerie|close|schließen|"
    r"loading|cargando|true|false|null|undefined|_+|[-–—•·|/>]+)\s*:?$",
    re.IGNORECASE,
)

# Phrases that make a line furniture wherever they appear in it, however long the line
# (cookie walls, footers, browser warnings).
NAV_ANYWHERE = re.compile(
    r"©|\bcopyright\b|all rights reserved|alle rechte vorbehalten|todos los derechos|"
    r"tutti i diritti|tous droits|\bcookies?\b|privacy policy|datenschutzerklärung|"
    r"terms of (?:use|service)|nutzungsbedingungen|your browser|ihr browser|javascript|"
    r"registered trademarks?|information provided on this website|not been evaluated by the|"
    r"affiliate[- ]links?|may (?:receive|earn) a (?:small )?commission|"
    r"erhalten wir (?:eine )?provision|"
    r"\bunsubscribe\b|abmelden jederzeit|activation link|to your inbox|in your inbox",
    re.IGNORECASE,
)

# What a byline may say after a name: the writer's role.
ROLE_WORDS = (
    r"editor|reporter|correspondent|journalist|contributor|columnist|"
    r"redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|redacci[oó]n"
)

# Phrases that make a short line furniture (sign-up prompts, photo credits, "more in" lists);
# in a long line they may be prose, so they apply only below SHORT_LINE_WORDS.
NAV_SHORT = re.compile(
    r"sign up|subscribe|abonnieren|abonnement|newsletter|download (?:the|our) app|"
    r"follow us|folgen sie uns|share this|share on|teilen|"
    r"^(?:photo|foto|bild|image|credits?|quelle|source|fuente|fonte|grafik)\s*:|"
    r"\b(?:getty images|imago|picture[- ]alliance|shutterstock|istock|keystone)\b|"
    r"\(\s*(?:ap|afp|reuters|dpa|epa|getty)\b[^)]*\)\s*$|"
    r"^(?:by|von|por|di|par|av|af)\s+[\w.\- ]{2,40}$|leave a comment|join the conversation|"
    r"kommentar schreiben|report (?:an )?error|fehler melden|"
    r"^(?:more in|mehr aus|mehr zu|more about|weitere artikel|further reading)\b|"
    r"you may also like|das könnte sie auch|recommended for you|"
    r"^(?:read|listen|watch|lesen sie|hören sie)\b.{0,40}:|"
    r"\b(?:min(?:ute)?s?|minuten?) (?:read|lesezeit|lesedauer)\b|lesezeit|lesedauer|reading time|"
    r"copy link|email link|share via|opens in (?:a )?new window|skip to|close alert|read in app|"
    r"^continue reading\b|signed in as|^(?:sign|log) out$|^edit profile\b|"
    # Prompts to go elsewhere ("Visit X's homepage for more stories", "Go to Home Page »",
    # "For more stories like this, ..."): on 8 of the 242 dev dumps, never a body line.
    r"^(?:visit|go to|head to)\b.{0,50}\b(?:homepage|home page|website|site)\b|"
    r"\bfor more (?:stories|news|articles|coverage|updates|videos)\b|"
    r"\brss\b|ad policy|detailansicht|to revisit this article|saved stories|tiempo de lectura|"
    r"\(\s*\d+\s*\)$|(?:\.\.\.|…)$|^(?:über|about) (?:the author|den autor|die autorin)|"
    r"save (?:this )?(?:article|story)|salva (?:questo )?articolo|artikel (?:merken|speichern)|"
    r"guardar (?:este )?art[ií]culo|sauvegarder (?:cet )?article|registered users|"
    r"utenti registrati|registrierte nutzer|"
    r"\bsave\b.{0,12}\bsaved\b|^zurück\b|fehler gefunden|found an? (?:error|mistake)|"
    rf"[»›>].*[»›>]|\b(?:{ROLE_WORDS}|follow)\s*$",
    re.IGNORECASE,
)
# A prompt to sign up opening the line ("Subscribe to the X YouTube Channel for all of the
# latest videos!", "Sign up for our daily newsletter ..."): furniture in a dump up to a
# paragraph's length, not only in short lines; a sentence that mentions a newsletter is text.
SIGN_UP = re.compile(
    r"^(?:subscribe|sign up|abonnieren|abonnez-vous|suscr[ií]bete)\b",
    re.IGNORECASE,
)
SHORT_LINE_WORDS = 15  # a caption credit or prompt stays under this; body sentences rarely do
# A line with a date is a dateline up to this many words ("Published: Nov. 19, 2019, 6:18 p.m.
# Updated: ..." is metadata, not text); longer, it is prose mentioning a date unless cued.
# One value for the dump's dateline search and for furniture: chosen by publisher halves
# (bench/cv_extract.py --sweep, see bench/results/eval_extract.md).
DATELINE_WORDS = 14

# Words that open a dateline or byline ("Published 3 May 2024", "Stand: 12.03.2025").
DATE_CUE = re.compile(
    r"\b(?:published|updated|posted|veröffentlicht|aktualisiert|stand|erstellt|publicado|"
    r"actualizado|pubblicato|aggiornato|publié|mis à jour|publisert|oppdatert|udgivet|"
    r"diterbitkan|dipublikasikan|опубликовано|обновлено|公開|更新)\b",
    re.IGNORECASE,
)

# Cheap pre-filter: only lines with a year, a CJK date, a relative phrase or a clock time go to
# dateparser (it costs ~1 ms per call, ~50 ms per search; a dump has hundreds of lines).
DATE_HINT = re.compile(
    r"\b(?:19[89]\d|20[0-4]\d)\b|\d{1,2}\s*[年月]|\d\s*日|\b\d{1,2}[./]\d{1,2}[./]\d{2}\b|"
    r"\b(?:ago|vor|hace|fa|il y a|siden|sedan|yang lalu|назад|前)\b|\d{1,2}:\d{2}",
    re.IGNORECASE,
)

# Separators pages put between dateline parts ("27 February, 2026 • 19:33", "Politik | 12.03.").
DATE_SEPARATORS = re.compile(r"\s*[•·|]\s*|\s+[-–—]\s+")

# Labels in front of tag and section lists ("Tags: a, b", "Schlagwörter: ...").
TAGS_LABEL = re.compile(
    r"^(?:tags?|topics?|related topics|keywords?|schlagw(?:ö|oe)rter|schlagworte|themen|"
    r"etiquetas|temas|argomenti|subjects|"
    r"mots-clés|sujets|emneord|stikkord|(?:relaterte |relaterede )?emner|(?:relaterade )?ämnen|"
    r"tagi|теги|タグ)\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
CATEGORY_LABEL = re.compile(
    r"^(?:category|categories|section|rubrik|ressort|kategorie|categoría|sección|categoria|"
    r"sezione|catégorie|rubrique|kategori|seksjon|рубрика)\s*:\s*(?P<rest>.+)$",
    re.IGNORECASE,
)

# Sentence ends, Western and CJK, optionally followed by closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?…:;。！？」』\"”’»)\]]\s*$")

# Scripts written without spaces: their length is counted in characters, not words.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

# Photo captions and credits ("Foto: dpa", "Credit: Getty", "(Picture: Reuters)"): never a title.
CAPTION_CUE = re.compile(
    r"\b(?:photo|foto|bild|image|picture|credit|quelle|fuente|fonte|fotó|kuva|getty|imago|"
    r"reuters|afp|dpa|istock|shutterstock|keystone|isithombe)\b\s*[:/)]?|"
    r"\b(?:AP|AFP|EPA)\b|/\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+){0,3}$|\bview \d+ images\b",
    re.IGNORECASE,
)

# The header of one reader comment ("joe says:", "Anna on 3 May 2019 at 4:47 pm said:").
COMMENT_HEADER = re.compile(
    r"^.{1,80}\b(?:says|said|wrote|schreibt|schrieb|sagt|escribió|dice|scrive|écrit|skriver)\s*:$",
    re.IGNORECASE,
)
# Lines that open a comment section ("34 responses to ...", "12 Kommentare", "Leave a reply").
COMMENTS_OPEN = re.compile(
    r"^(?:\d+\s+)?(?:responses?|comments?|replies|kommentare?|comentarios?|commenti|"
    r"commentaires?|thoughts? on|reader comments|leserkommentare)\b|"
    r"^(?:leave a (?:reply|comment)|post a comment|add a comment|join the discussion)",
    re.IGNORECASE,
)

# Photo captions that read like prose: gallery counters ("2of4A shopper..."), agency captions
# ("In this Sunday, Nov. 10, 2019, photo, ..."), a trailing credit ("... (AP Photo/Jane Doe)").
CAPTION_LINE = re.compile(
    r"^\d+\s*of\s*\d+\S|^in this .{0,60}\b(?:photo|photograph|image|file photo)\b|"
    r"\((?:ap|afp|reuters|getty|dpa|epa)\b[^)]*\)\s*$|"
    r"\b(?:photo|foto|bild|image|credit|picture|quelle|fonte|fuente)\s*:\s*[^.]{2,60}$",
    re.IGNORECASE,
)

# A photo credit on a line of its own, below its caption: "Photo: Hau Dinh, AP", "(Image
# credit: Ceres Robotics)", "Michael Conroy, AP", "Sanjeev Verma/Hindustan Times/Getty Images".
CREDIT_LINE = re.compile(
    r"^\(?(?:photo|foto|bild|image|picture|photograph|fotó|kuva)(?:\s+credit)?\s*:|"
    r"(?:[,/|]\s*|\bvia\s+)(?:ap|afp|reuters|getty images|dpa|epa|imago|bloomberg)\)?$",
    re.IGNORECASE,
)

# A photo credit closing its caption's line, in brackets: a name and its agency or a label
# ("(Joshua Roberts/Reuters)", "[File: Reuters]", "(Source: NASA)", "[SpaceX via Nasa]").
# The bracket ends the line: a sentence of the text citing a source ends in its stop.
CREDIT_END = re.compile(r"[(\[][^()\[\]]*[^\W\d_](?:/|:|\s+via\s+)\s*[^\W\d_][^()\[\]]{0,40}[)\]]$")

# The label over a box about a person or a company ("About Jane Doe", "Über ...", "Sobre ...").
ABOUT_LABEL = re.compile(
    r"^(?:about|über|sobre|à propos de|acerca de|om|informazioni su)\s+"
    r"(?P<name>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,5})\s*:?$",
    re.IGNORECASE,
)

# The attribution line under a post embedded in the text: "— Jane Doe (@jdoe) July 18, 2024".
POST_ATTRIBUTION = re.compile(r"^[—–-]\s*\S.{0,80}\(@\w{1,30}\)\s+\S.{0,30}\b\d{4}$")

# Lines whose date is not the article's: an embedded post ("— Name (@handle) July 18, 2024"),
# an audio or video player's label or duration ("Video 02:31", "Listen · 4:12 min"), a photo
# credit line ("Foto: ... 12.03.2025").
NOT_ARTICLE_DATE = re.compile(
    r"\(@\w{1,30}\)|\bpic\.twitter\.com/|^[—–-]\s*\S.{0,60}\s\w+ \d{1,2}, \d{4}$|"
    r"^(?:photo|foto|bild|image|picture|credit|fotó|kuva)\s*[:/]|"
    r"^(?:video|audio|podcast|listen|watch|play|abspielen|anhören|ansehen|wiedergabe)\b"
    r"|\b\d{1,2}:\d{2}\s*(?:min|mins|minutes|minuten)\b",
    re.IGNORECASE,
)
