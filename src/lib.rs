//! Okienko: the citizens' front desk of a Polish city office.

pub mod account;
pub mod admin;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod callbacks;
pub mod cases;
pub mod cli;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod db;
pub mod demo;
pub mod directory;
pub mod error;
pub mod events;
pub mod health;
pub mod home;
pub mod home_visits;
pub mod i18n;
pub mod memory;
pub mod office;
pub mod personal_data;
pub mod pesel;
pub mod phone;
pub mod procedures;
pub mod reports;
pub mod routes;
pub mod state;
pub mod survey;
pub mod telemetry;
pub mod visits;
pub mod web;

pub use routes::app;
