"""The plan: recurring activities, roadmap, investment appraisal, corrective actions, the organisation and plan checks, and their views."""
