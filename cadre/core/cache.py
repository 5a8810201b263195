"""Caching keyed by what a value is computed from: an entry is never stale, because new material makes a new key."""

import hashlib

from django.core.cache import cache

WEEK = 7 * 24 * 3600


def key_for(namespace: str, material) -> str:
    return f"{namespace}:" + hashlib.blake2b(repr(material).encode(), digest_size=16).hexdigest()


def cached_many(namespace: str, materials: dict, compute, *, timeout=WEEK) -> dict:
    """{key: material} → {key: compute(key, material)}, in one cache round trip; only misses are computed."""
    keys = {key: key_for(namespace, material) for key, material in materials.items()}
    found = cache.get_many(list(set(keys.values())))
    values, missing = {}, {}
    for key, material in materials.items():
        value = found.get(keys[key])
        if value is None:
            value = missing[keys[key]] = compute(key, material)
        values[key] = value
    if missing:
        cache.set_many(missing, timeout=timeout)
    return values


def cached_value(namespace: str, material, compute, *, timeout=3600):
    """compute() through the cache, under a key made of `material`."""
    key = key_for(namespace, material)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=timeout)
    return value
