"""Referrals to partners and the letters the desk prints and archives."""
