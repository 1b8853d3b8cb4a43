#!/usr/bin/env python3
"""Writes jobs/data/reviews.txt and jobs/data/reviews.jsonl: a deterministic sample corpus of
3,000 short product reviews (English, with some Spanish), 5 to 120 words, for the example jobs.
Run from the repo root: python3 ci/make_sample_corpus.py"""
import json
import random

rng = random.Random(20261125)
products = ["coffee grinder", "hiking boots", "laptop stand", "electric kettle", "noise-cancelling headphones",
            "road bike", "desk lamp", "rice cooker", "paperback novel", "phone case", "office chair",
            "camping tent", "blender", "wireless mouse", "winter jacket", "board game", "e-reader", "backpack"]
good = ["works exactly as described", "arrived early and well packed", "feels solid and well made",
        "is quiet and easy to clean", "was worth every cent", "exceeded my expectations",
        "is the best purchase I made this year", "looks even better than in the photos"]
bad = ["stopped working after two weeks", "arrived with a cracked lid", "is much smaller than advertised",
       "smells of cheap plastic", "was a complete waste of money", "broke the first time I used it",
       "never matched the description", "made a terrible rattling noise"]
neutral = ["does the job", "is fine for the price", "is about what I expected", "is neither great nor bad"]
details = ["The instructions were clear enough.", "Customer service answered within a day.",
           "Shipping took about a week.", "My partner uses it every morning.", "The colour is a bit darker than shown.",
           "I compared it with two other brands before buying.", "The battery lasts roughly ten hours.",
           "Setup took less than five minutes.", "It fits nicely on a small desk.", "The packaging was mostly recyclable.",
           "I would like a longer cable.", "It is heavier than my old one.", "The manual is only in English and German.",
           "After a month of daily use it still looks new.", "The price dropped a week after I bought it."]
spanish = ["El envío llegó a tiempo y el producto funciona muy bien.", "No me gustó nada, la calidad es pésima.",
           "Está bien por el precio, aunque esperaba algo más.", "¡Me encanta! Lo recomiendo a todo el mundo.",
           "La batería dura poco y el cargador se calienta demasiado.", "Buena relación calidad-precio, volvería a comprarlo."]

def review():
    if rng.random() < 0.06:
        return rng.choice(spanish)
    product = rng.choice(products)
    mood = rng.random()
    verdict = rng.choice(good if mood < 0.45 else bad if mood < 0.85 else neutral)
    words = [f"This {product} {verdict}."]
    target = rng.choice([5, 8, 12, 20, 30, 45, 60, 80, 100, 120])
    while len(" ".join(words).split()) < target:
        words.append(rng.choice(details))
    text = " ".join(words)
    return " ".join(text.split()[:max(target, 5)])

rows = [review() for _ in range(3000)]
with open("jobs/data/reviews.txt", "w", encoding="utf-8") as txt:
    txt.write("\n".join(rows) + "\n")
with open("jobs/data/reviews.jsonl", "w", encoding="utf-8") as js:
    for i, text in enumerate(rows):
        js.write(json.dumps({"id": f"r{i:05d}", "text": text}, ensure_ascii=False) + "\n")
