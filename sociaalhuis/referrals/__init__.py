"""The sociale kaart (partner organisations, their services and locations, Open Referral HSDS
import and export) and referrals to those partners."""
