//! Okienko's integration tests, one binary: a real PostgreSQL (a fresh database per
//! test) and, for the journeys in `browser`, a real headless Chromium.

mod common;

mod admin;
mod audit;
mod auth;
mod browser;
mod callbacks;
mod cli;
mod complaints;
mod connections;
mod desk;
mod directory;
mod documents;
mod hall;
mod home_visits;
mod instances;
mod iod;
mod outage;
mod personal_data;
mod procedures;
mod registers;
mod regulation;
mod reports;
mod roles;
mod screens;
mod second_factor;
mod security;
mod sessions;
mod stand;
mod survey;
mod visits;
